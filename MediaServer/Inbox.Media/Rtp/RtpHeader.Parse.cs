using System.Buffers.Binary;

namespace Inbox.Media.Rtp;

internal readonly partial struct RtpHeader
{
    /// <summary>
    /// Parses the RTP header of <paramref name="packet"/> (one whole datagram). Never throws.
    /// </summary>
    /// <returns>
    /// False when the packet is shorter than 12 bytes, its version is not 2, the CSRC list or header extension runs
    /// past the end, or the padding count is 0 or larger than what follows the header.
    /// </returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpHeader header)
    {
        header = default;
        if (packet.Length < FixedLength)
        {
            return false;
        }

        var flags = packet[0];
        if (flags >> 6 != SupportedVersion)
        {
            return false;
        }

        var offset = FixedLength + ((flags & 0x0F) * 4);
        if (offset > packet.Length)
        {
            return false;
        }

        ushort profile = 0;
        var extensionLength = 0;
        if ((flags & 0x10) != 0)
        {
            // RFC 3550 §5.3.1: 16-bit profile word, then the extension length in 32-bit words after these 4 bytes.
            if (offset + 4 > packet.Length)
            {
                return false;
            }

            profile = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(offset, 2));
            extensionLength = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(offset + 2, 2)) * 4;
            offset += 4 + extensionLength;
            if (offset > packet.Length)
            {
                return false;
            }
        }

        var padding = 0;
        if ((flags & 0x20) != 0)
        {
            // RFC 3550 §5.1: the last octet counts the padding octets, itself included.
            padding = packet[^1];
            if (padding == 0 || padding > packet.Length - offset)
            {
                return false;
            }
        }

        header = new RtpHeader(
            flags,
            packet[1],
            BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(2, 2)),
            BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(4, 4)),
            BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(8, 4)),
            profile,
            extensionLength,
            offset,
            packet.Length - offset - padding,
            padding);
        return true;
    }

    /// <summary>
    /// Writes the 12-byte fixed header: version 2, marker, payload type, sequence number, timestamp and SSRC, with
    /// the P, X and CC fields zero. Use <see cref="RtpPacketWriter"/> for CSRC lists, extensions and padding.
    /// </summary>
    /// <returns>False, writing nothing, when <paramref name="destination"/> is shorter than 12 bytes.</returns>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        if (destination.Length < FixedLength)
        {
            written = 0;
            return false;
        }

        var fixedHeader = destination[..FixedLength];
        fixedHeader[0] = SupportedVersion << 6;
        fixedHeader[1] = _markerAndType;
        BinaryPrimitives.WriteUInt16BigEndian(fixedHeader[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(fixedHeader[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(fixedHeader[8..], Ssrc);
        written = FixedLength;
        return true;
    }
}

using System.Buffers.Binary;

namespace Inbox.Media.Rtp;

/// <summary>
/// Writes whole RTP packets (RFC 3550 §5.1, §5.3.1) into caller memory: fixed header, CSRC list, optional header
/// extension, payload and optional padding. Stateless and thread-safe.
/// </summary>
internal static class RtpPacketWriter
{
    /// <summary>Writes a packet whose fixed fields come from <paramref name="header"/>.</summary>
    /// <param name="destination">Where the packet goes.</param>
    /// <param name="header">Marker, payload type, sequence number, timestamp and SSRC; other fields are ignored.</param>
    /// <param name="csrcs">Up to 15 contributing sources.</param>
    /// <param name="extensionProfile">Profile word of the extension; used only when <paramref name="extensionData"/> is not empty.</param>
    /// <param name="extensionData">Extension data, a multiple of 4 bytes; empty for no extension (X = 0).</param>
    /// <param name="payload">The payload.</param>
    /// <param name="paddingLength">Padding bytes to append, 0–255, the last one holding the count; 0 for none.</param>
    /// <param name="written">Bytes written.</param>
    /// <returns>False, with nothing guaranteed written, when the arguments are out of range or the destination is too small.</returns>
    public static bool TryWrite(
        Span<byte> destination,
        in RtpHeader header,
        ReadOnlySpan<uint> csrcs,
        ushort extensionProfile,
        ReadOnlySpan<byte> extensionData,
        ReadOnlySpan<byte> payload,
        int paddingLength,
        out int written)
    {
        written = 0;
        if (csrcs.Length > RtpHeader.MaxCsrcCount || extensionData.Length % 4 != 0 || extensionData.Length > ushort.MaxValue * 4
            || paddingLength is < 0 or > byte.MaxValue)
        {
            return false;
        }

        var extensionTotal = extensionData.IsEmpty ? 0 : 4 + extensionData.Length;
        var total = RtpHeader.FixedLength + (csrcs.Length * 4) + extensionTotal + payload.Length + paddingLength;
        if (destination.Length < total || !header.TryWrite(destination, out var offset))
        {
            return false;
        }

        destination[0] |= (byte)((paddingLength > 0 ? 0x20 : 0) | (extensionData.IsEmpty ? 0 : 0x10) | csrcs.Length);
        foreach (var csrc in csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], csrc);
            offset += 4;
        }

        if (!extensionData.IsEmpty)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], extensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(extensionData.Length / 4));
            extensionData.CopyTo(destination[(offset + 4)..]);
            offset += extensionTotal;
        }

        payload.CopyTo(destination[offset..]);
        offset += payload.Length;
        if (paddingLength > 0)
        {
            // RFC 3550 §5.1: padding octets are zero except the last, which counts them all.
            destination.Slice(offset, paddingLength - 1).Clear();
            destination[offset + paddingLength - 1] = (byte)paddingLength;
            offset += paddingLength;
        }

        written = offset;
        return true;
    }
}

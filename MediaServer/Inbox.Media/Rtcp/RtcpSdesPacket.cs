using System.Buffers.Binary;

namespace Inbox.Media.Rtcp;

/// <summary>
/// A source description packet (RFC 3550 §6.5): validated on parse, read chunk by chunk with
/// <see cref="GetEnumerator"/>. A view over the packet bytes, valid while they are.
/// </summary>
internal readonly ref struct RtcpSdesPacket
{
    private readonly ReadOnlySpan<byte> _chunks;

    private RtcpSdesPacket(ReadOnlySpan<byte> chunks, int chunkCount)
    {
        _chunks = chunks;
        ChunkCount = chunkCount;
    }

    /// <summary>Number of chunks (the SC field), 0–31.</summary>
    public int ChunkCount { get; }

    /// <summary>Enumerates the chunks in order.</summary>
    public RtcpSdesChunkEnumerator GetEnumerator() => new(_chunks, ChunkCount);

    /// <summary>Parses one SDES packet and checks every chunk and item fits. Never throws.</summary>
    /// <returns>False when the header is invalid, the type is not SDES, or a chunk runs past the packet's length.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtcpSdesPacket sdes)
    {
        sdes = default;
        if (!RtcpHeader.TryParse(packet, out var header) || header.PacketType != RtcpPacketType.SourceDescription)
        {
            return false;
        }

        var chunks = packet[RtcpHeader.Length..header.ContentLength];
        var remaining = chunks;
        for (var i = 0; i < header.Count; i++)
        {
            if (!RtcpSdesChunk.TryRead(remaining, out _, out var consumed))
            {
                return false;
            }

            remaining = remaining[consumed..];
        }

        sdes = new RtcpSdesPacket(chunks, header.Count);
        return true;
    }

    /// <summary>Writes an SDES packet with one chunk holding one CNAME item, null-terminated and padded to 32 bits.</summary>
    /// <param name="destination">Where the packet goes.</param>
    /// <param name="ssrc">The SSRC described.</param>
    /// <param name="cname">The canonical name as UTF-8, at most 255 bytes (RFC 3550 §6.5.1: for example user@host).</param>
    /// <param name="written">Bytes written, a multiple of 4.</param>
    /// <returns>False when <paramref name="cname"/> is longer than 255 bytes or the destination is too short.</returns>
    public static bool TryWrite(Span<byte> destination, uint ssrc, ReadOnlySpan<byte> cname, out int written)
    {
        written = 0;
        var itemsEnd = RtcpHeader.Length + 4 + 2 + cname.Length;
        var length = (itemsEnd + 4) & ~3; // at least one null octet, then pad to 32 bits
        if (cname.Length > byte.MaxValue || destination.Length < length)
        {
            return false;
        }

        new RtcpHeader(RtcpPacketType.SourceDescription, 1, length).TryWrite(destination, out _);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        destination[8] = RtcpSdesChunk.CnameItemType;
        destination[9] = (byte)cname.Length;
        cname.CopyTo(destination[10..]);
        destination[itemsEnd..length].Clear();
        written = length;
        return true;
    }
}

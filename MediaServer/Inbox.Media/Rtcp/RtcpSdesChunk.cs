using System.Buffers.Binary;

namespace Inbox.Media.Rtcp;

/// <summary>
/// One SDES chunk (RFC 3550 §6.5): an SSRC or CSRC and its items, of which the CNAME is exposed. A view over the
/// packet bytes, valid while they are.
/// </summary>
internal readonly ref struct RtcpSdesChunk
{
    /// <summary>SDES item type of the canonical name (RFC 3550 §6.5.1).</summary>
    public const byte CnameItemType = 1;

    private RtcpSdesChunk(uint ssrc, ReadOnlySpan<byte> cname, ReadOnlySpan<byte> items)
    {
        Ssrc = ssrc;
        Cname = cname;
        Items = items;
    }

    /// <summary>The SSRC or CSRC the items describe.</summary>
    public uint Ssrc { get; }

    /// <summary>The first CNAME item's UTF-8 text; empty when the chunk carries none.</summary>
    public ReadOnlySpan<byte> Cname { get; }

    /// <summary>All items of the chunk (type, length, text triples) without the terminating null octets.</summary>
    public ReadOnlySpan<byte> Items { get; }

    /// <summary>
    /// Reads a chunk starting at a 32-bit boundary. Items other than CNAME are skipped by their length; the item list
    /// ends at a null octet, and the chunk at the next 32-bit boundary. Never throws.
    /// </summary>
    /// <param name="data">The bytes from the chunk's start to the end of the packet's content.</param>
    /// <param name="chunk">The chunk read.</param>
    /// <param name="consumed">Bytes the chunk occupies, a multiple of 4.</param>
    /// <returns>False when an item or the terminating null runs past <paramref name="data"/>.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, out RtcpSdesChunk chunk, out int consumed)
    {
        chunk = default;
        consumed = 0;
        if (data.Length < 8)
        {
            return false;
        }

        var position = 4;
        var cname = ReadOnlySpan<byte>.Empty;
        var foundCname = false;
        while (position < data.Length)
        {
            var type = data[position];
            if (type == 0)
            {
                // RFC 3550 §6.5: one or more null octets end the list and pad the chunk to a 32-bit boundary.
                var end = (position + 4) & ~3;
                if (end > data.Length)
                {
                    return false;
                }

                chunk = new RtcpSdesChunk(BinaryPrimitives.ReadUInt32BigEndian(data), cname, data[4..position]);
                consumed = end;
                return true;
            }

            if (position + 2 > data.Length || position + 2 + data[position + 1] > data.Length)
            {
                return false;
            }

            var length = data[position + 1];
            if (type == CnameItemType && !foundCname)
            {
                cname = data.Slice(position + 2, length);
                foundCname = true;
            }

            position += 2 + length;
        }

        return false;
    }
}

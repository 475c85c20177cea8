namespace Inbox.Media.Rtcp;

/// <summary>The report blocks that end an SR or RR (RFC 3550 §6.4.1), read and written the same way for both.</summary>
internal static class RtcpReportBlockList
{
    public static int Count(ReadOnlySpan<byte> blocks) => blocks.Length / RtcpReportBlock.Length;

    /// <summary>The block at <paramref name="index"/> (0-based, below <see cref="Count"/>) of an already validated list.</summary>
    public static RtcpReportBlock Get(ReadOnlySpan<byte> blocks, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count(blocks));

        // Cannot fail: the packet's TryParse checked that every block lies inside the packet.
        _ = RtcpReportBlock.TryParse(blocks[(index * RtcpReportBlock.Length)..], out var block);
        return block;
    }

    /// <summary>Writes the blocks one after another; the caller has checked the destination holds them all.</summary>
    public static void Write(Span<byte> destination, ReadOnlySpan<RtcpReportBlock> blocks)
    {
        var offset = 0;
        foreach (ref readonly var block in blocks)
        {
            block.TryWrite(destination[offset..], out _);
            offset += RtcpReportBlock.Length;
        }
    }
}

using System.Buffers.Binary;

namespace Inbox.Media.Rtcp;

/// <summary>
/// A receiver report (RFC 3550 §6.4.2) read in place: reporter SSRC and report blocks. A view over the packet
/// bytes, valid while they are; profile-specific extensions after the blocks are ignored.
/// </summary>
internal readonly ref struct RtcpReceiverReport
{
    private const int BlocksOffset = RtcpHeader.Length + 4;

    private readonly ReadOnlySpan<byte> _blocks;

    private RtcpReceiverReport(uint ssrc, ReadOnlySpan<byte> blocks)
    {
        Ssrc = ssrc;
        _blocks = blocks;
    }

    /// <summary>SSRC of the packet's originator.</summary>
    public uint Ssrc { get; }

    /// <summary>Number of report blocks, 0–31.</summary>
    public int ReportCount => RtcpReportBlockList.Count(_blocks);

    /// <summary>The report block at <paramref name="index"/> (0-based, below <see cref="ReportCount"/>).</summary>
    public RtcpReportBlock GetReportBlock(int index) => RtcpReportBlockList.Get(_blocks, index);

    /// <summary>Parses one RR packet starting at <paramref name="packet"/>[0]. Never throws.</summary>
    /// <returns>False when the header is invalid, the type is not RR, or the blocks run past the packet's length.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtcpReceiverReport report)
    {
        report = default;
        if (!RtcpHeader.TryParse(packet, out var header) || header.PacketType != RtcpPacketType.ReceiverReport)
        {
            return false;
        }

        var blocksLength = header.Count * RtcpReportBlock.Length;
        if (BlocksOffset + blocksLength > header.ContentLength)
        {
            return false;
        }

        report = new RtcpReceiverReport(BinaryPrimitives.ReadUInt32BigEndian(packet[4..]), packet.Slice(BlocksOffset, blocksLength));
        return true;
    }

    /// <summary>Writes an RR with up to 31 report blocks (an empty RR heads a compound packet when nothing was received).</summary>
    /// <returns>False when there are more than 31 blocks or <paramref name="destination"/> is too short.</returns>
    public static bool TryWrite(Span<byte> destination, uint ssrc, ReadOnlySpan<RtcpReportBlock> reportBlocks, out int written)
    {
        written = 0;
        var length = BlocksOffset + (reportBlocks.Length * RtcpReportBlock.Length);
        if (reportBlocks.Length > RtcpHeader.MaxCount || destination.Length < length)
        {
            return false;
        }

        new RtcpHeader(RtcpPacketType.ReceiverReport, reportBlocks.Length, length).TryWrite(destination, out _);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        RtcpReportBlockList.Write(destination[BlocksOffset..], reportBlocks);

        written = length;
        return true;
    }
}

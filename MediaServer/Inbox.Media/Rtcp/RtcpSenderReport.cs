using System.Buffers.Binary;

namespace Inbox.Media.Rtcp;

/// <summary>
/// A sender report (RFC 3550 §6.4.1) read in place: sender SSRC, sender information and report blocks. A view over
/// the packet bytes, valid while they are; profile-specific extensions after the blocks are ignored.
/// </summary>
internal readonly ref struct RtcpSenderReport
{
    private const int BlocksOffset = RtcpHeader.Length + 4 + RtcpSenderInfo.Length;

    private readonly ReadOnlySpan<byte> _blocks;

    private RtcpSenderReport(uint ssrc, RtcpSenderInfo senderInfo, ReadOnlySpan<byte> blocks)
    {
        Ssrc = ssrc;
        SenderInfo = senderInfo;
        _blocks = blocks;
    }

    /// <summary>SSRC of the sender.</summary>
    public uint Ssrc { get; }

    /// <summary>NTP and RTP timestamps and the sender's packet and octet counts.</summary>
    public RtcpSenderInfo SenderInfo { get; }

    /// <summary>Number of report blocks, 0–31.</summary>
    public int ReportCount => RtcpReportBlockList.Count(_blocks);

    /// <summary>The report block at <paramref name="index"/> (0-based, below <see cref="ReportCount"/>).</summary>
    public RtcpReportBlock GetReportBlock(int index) => RtcpReportBlockList.Get(_blocks, index);

    /// <summary>Parses one SR packet starting at <paramref name="packet"/>[0]. Never throws.</summary>
    /// <returns>False when the header is invalid, the type is not SR, or the blocks run past the packet's length.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtcpSenderReport report)
    {
        report = default;
        if (!RtcpHeader.TryParse(packet, out var header) || header.PacketType != RtcpPacketType.SenderReport)
        {
            return false;
        }

        var blocksLength = header.Count * RtcpReportBlock.Length;
        if (BlocksOffset + blocksLength > header.ContentLength)
        {
            return false;
        }

        _ = RtcpSenderInfo.TryParse(packet[8..], out var info); // length checked above
        report = new RtcpSenderReport(
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]), info, packet.Slice(BlocksOffset, blocksLength));
        return true;
    }

    /// <summary>Writes an SR with up to 31 report blocks.</summary>
    /// <returns>False when there are more than 31 blocks or <paramref name="destination"/> is too short.</returns>
    public static bool TryWrite(
        Span<byte> destination, uint ssrc, in RtcpSenderInfo senderInfo, ReadOnlySpan<RtcpReportBlock> reportBlocks, out int written)
    {
        written = 0;
        var length = BlocksOffset + (reportBlocks.Length * RtcpReportBlock.Length);
        if (reportBlocks.Length > RtcpHeader.MaxCount || destination.Length < length)
        {
            return false;
        }

        new RtcpHeader(RtcpPacketType.SenderReport, reportBlocks.Length, length).TryWrite(destination, out _);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        senderInfo.TryWrite(destination[8..], out _);
        RtcpReportBlockList.Write(destination[BlocksOffset..], reportBlocks);

        written = length;
        return true;
    }
}

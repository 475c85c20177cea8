using Inbox.Media.Rtcp;
using Inbox.Media.Rtp;

namespace Inbox.Media.Tests.Rtp;

public sealed class RtpAllocationTests
{
    // A collection expression argument ([1]) allocates in the test itself; the writer must be measured alone.
    private static readonly uint[] s_byeSources = [1];

    [Fact]
    public void ParseAndRewrite_AfterWarmUp_AllocatesNothing()
    {
        var packet = new byte[172]; // 12-byte header + 160 bytes of G.711
        new RtpHeader(0, false, 1, 160, 0x1234).TryWrite(packet, out _);
        for (var i = 0; i < 100; i++)
        {
            ParseAndRewrite(packet, i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var ok = true;
        for (var i = 0; i < 10_000; i++)
        {
            ok &= ParseAndRewrite(packet, i);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(ok);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void StatisticsUpdate_AfterWarmUp_AllocatesNothing()
    {
        var statistics = new RtpReceiveStatistics(8000);
        for (var i = 0; i < 100; i++)
        {
            statistics.Update((ushort)i, (uint)(i * 160), TimeSpan.FromMilliseconds(i * 20));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100; i < 100_000; i++)
        {
            // Every 50th packet is lost and every 70th duplicated, to run every branch.
            if (i % 50 != 0)
            {
                statistics.Update((ushort)i, (uint)(i * 160), TimeSpan.FromMilliseconds((i * 20) + (i % 3)));
            }

            if (i % 70 == 0)
            {
                statistics.Update((ushort)i, (uint)(i * 160), TimeSpan.FromMilliseconds(i * 20));
            }
        }

        _ = RtcpReportBlockBuilder.Build(1, statistics, 0, TimeSpan.Zero);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(statistics.Duplicates > 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void RtcpReadAndWrite_AfterWarmUp_AllocatesNothing()
    {
        var buffer = new byte[256];
        var block = new RtcpReportBlock(1, 2, 3, 4, 5, 6, 7);
        for (var i = 0; i < 100; i++)
        {
            WriteAndWalk(buffer, block);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var packets = 0;
        for (var i = 0; i < 1000; i++)
        {
            packets += WriteAndWalk(buffer, block);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(3000, packets);
        Assert.Equal(0, allocated);
    }

    private static bool ParseAndRewrite(byte[] packet, int i) =>
        RtpHeader.TryParse(packet, out var header)
        && header.PayloadLength == 160
        && RtpHeaderRewriter.TryRewrite(packet, 0xCAFE, (ushort)i, (uint)(i * 160));

    private static int WriteAndWalk(Span<byte> buffer, in RtcpReportBlock block)
    {
        RtcpReceiverReport.TryWrite(buffer, 1, new ReadOnlySpan<RtcpReportBlock>(in block), out var rr);
        RtcpSdesPacket.TryWrite(buffer[rr..], 1, "agent@inbox"u8, out var sdes);
        RtcpByePacket.TryWrite(buffer[(rr + sdes)..], s_byeSources, "done"u8, out var bye);
        var count = 0;
        foreach (var packet in new RtcpCompoundReader(buffer[..(rr + sdes + bye)], requireReportFirst: true))
        {
            count += packet.PacketType switch
            {
                RtcpPacketType.ReceiverReport => RtcpReceiverReport.TryParse(packet.Data, out var r) && r.GetReportBlock(0).Jitter == 5 ? 1 : 0,
                RtcpPacketType.SourceDescription => RtcpSdesPacket.TryParse(packet.Data, out _) ? 1 : 0,
                RtcpPacketType.Goodbye => RtcpByePacket.TryParse(packet.Data, out var b) && b.Reason.Length == 4 ? 1 : 0,
                _ => 0,
            };
        }

        return count;
    }
}

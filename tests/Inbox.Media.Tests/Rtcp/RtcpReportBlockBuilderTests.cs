using Inbox.Media.Rtcp;
using Inbox.Media.Rtp;

namespace Inbox.Media.Tests.Rtcp;

public sealed class RtcpReportBlockBuilderTests
{
    [Fact]
    public void Build_StatisticsWithLoss_FillsEveryField()
    {
        var statistics = new RtpReceiveStatistics(8000);
        for (var seq = 65000; seq < 65000 + 1001; seq++)
        {
            if (seq % 10 != 0)
            {
                // Every 10th packet lost; arrivals 1 ms late on odd packets give a non-zero jitter.
                var arrival = TimeSpan.FromMilliseconds((seq * 20) + (seq % 2));
                statistics.Update((ushort)seq, (uint)(seq * 160), arrival);
            }
        }

        var block = RtcpReportBlockBuilder.Build(0xABCDEF01, statistics, 0xB7052000, TimeSpan.FromSeconds(1.5));

        Assert.Equal(0xABCDEF01u, block.Ssrc);
        // 65000 is lost and 65001 is probation, so counting starts at 65002; 66000 is lost, so 65999 is the highest.
        Assert.Equal(0x0001_0000u + (65999 - 65536), block.ExtendedHighestSequence);
        Assert.Equal(998, statistics.Expected);
        Assert.Equal(99, block.CumulativeLost); // 65010..65990, every 10th
        Assert.Equal(25, block.FractionLost); // 99 * 256 / 998
        Assert.Equal(statistics.Jitter, block.Jitter);
        Assert.NotEqual(0u, block.Jitter);
        Assert.Equal(0xB7052000u, block.LastSenderReport);
        Assert.Equal(0x00018000u, block.DelaySinceLastSenderReport);
    }

    [Fact]
    public void Build_NoSenderReportYet_DlsrIsZero()
    {
        var statistics = new RtpReceiveStatistics(8000);

        var block = RtcpReportBlockBuilder.Build(1, statistics, 0, TimeSpan.FromSeconds(3));

        Assert.Equal(0u, block.LastSenderReport);
        Assert.Equal(0u, block.DelaySinceLastSenderReport);
        Assert.Equal(0, block.FractionLost);
    }

    [Fact]
    public void Build_HugeLoss_ClampsCumulativeLostTo24Bits()
    {
        var statistics = new RtpReceiveStatistics(8000);
        statistics.Update(0, 0, TimeSpan.Zero);
        statistics.Update(1, 160, TimeSpan.FromMilliseconds(20));

        // Jumps under MAX_DROPOUT repeated over many cycles lose about 2,999 packets each.
        ushort seq = 1;
        for (var i = 0; i < 3000; i++)
        {
            seq = unchecked((ushort)(seq + 2999));
            statistics.Update(seq, 0, TimeSpan.Zero);
        }

        var block = RtcpReportBlockBuilder.Build(1, statistics, 0, TimeSpan.Zero);

        Assert.True(statistics.CumulativeLost > RtcpReportBlock.MaxCumulativeLost);
        Assert.Equal(RtcpReportBlock.MaxCumulativeLost, block.CumulativeLost);
        Assert.Equal(255, block.FractionLost);
    }
}

using Inbox.Media.Rtcp;

namespace Inbox.Media.Tests.Rtcp;

public sealed class RtcpReportIntervalTests
{
    [Theory]
    [InlineData(false, 0.0, 2.5)]
    [InlineData(false, 0.5, 5.0)]
    [InlineData(false, 0.999, 7.495)]
    [InlineData(true, 0.0, 1.25)]
    [InlineData(true, 0.999, 3.7475)]
    public void Next_RandomDraw_MinimumTimesHalfToOneAndAHalf(bool initial, double random, double expectedSeconds)
    {
        var interval = RtcpReportInterval.Next(initial, random);

        Assert.Equal(expectedSeconds, interval.TotalSeconds, 1e-6);
    }
}

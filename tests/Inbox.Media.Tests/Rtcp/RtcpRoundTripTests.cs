using Inbox.Media.Rtcp;

namespace Inbox.Media.Tests.Rtcp;

public sealed class RtcpRoundTripTests
{
    [Fact]
    public void TryCompute_Rfc3550Example_Returns6Point125Seconds()
    {
        // RFC 3550 §6.4.1 figure: A = 46864.500 s, LSR = 46853.125 s, DLSR = 5.250 s.
        const uint arrival = 0xB7108000;
        const uint lastSr = 0xB7052000;
        const uint delay = 0x00054000;

        var ok = RtcpRoundTrip.TryCompute(arrival, lastSr, delay, out var rtt);

        Assert.True(ok);
        Assert.Equal(0x00062000u, rtt);
        Assert.Equal(TimeSpan.FromMilliseconds(6125), NtpTimestamp.FromShortFormat(rtt));
    }

    [Fact]
    public void TryCompute_AcrossMiddleBitsWrap_StaysCorrect()
    {
        const uint lastSr = 0xFFFF0000; // 1 s before the wrap
        const uint arrival = 0x00010000; // 1 s after it

        var ok = RtcpRoundTrip.TryCompute(arrival, lastSr, 0x00008000, out var rtt);

        Assert.True(ok);
        Assert.Equal(0x00018000u, rtt); // 2 s - 0.5 s
    }

    [Fact]
    public void TryCompute_DelayOneUnitLongerThanSinceSent_ZeroAsOnLoopback()
    {
        var ok = RtcpRoundTrip.TryCompute(arrival: 0xB7108003u, lastSenderReport: 0xB7108000u, delaySinceLastSenderReport: 4u, out var rtt);

        Assert.True(ok);
        Assert.Equal(0u, rtt);
    }

    [Theory]
    [InlineData(0xB7108000u, 0u, 0u)] // no SR seen by the peer
    [InlineData(0xB7108003u, 0xB7108000u, 5u)] // two units short: clock trouble
    [InlineData(0xB7108000u, 0xB7052000u, 0x000C0000u)] // DLSR longer than A - LSR
    public void TryCompute_NoSenderReportOrNegative_ReturnsFalse(uint arrival, uint lastSr, uint delay)
    {
        var ok = RtcpRoundTrip.TryCompute(arrival, lastSr, delay, out var rtt);

        Assert.False(ok);
        Assert.Equal(0u, rtt);
    }

    [Fact]
    public void TryCompute_ReportBlockAndWallclock_ReturnsDuration()
    {
        var sent = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var lastSr = NtpTimestamp.FromDateTimeOffset(sent).Middle32;
        var block = new RtcpReportBlock(1, 0, 0, 0, 0, lastSr, NtpTimestamp.ToShortFormat(TimeSpan.FromMilliseconds(500)));
        var arrival = sent + TimeSpan.FromMilliseconds(580);

        var ok = RtcpRoundTrip.TryCompute(block, arrival, out var rtt);

        Assert.True(ok);
        Assert.InRange(rtt.TotalMilliseconds, 79.9, 80.1);
    }

    [Fact]
    public void FromDateTimeOffset_Year2000AndAHalf_MatchesNtpSecondsAndFraction()
    {
        var time = new DateTimeOffset(2000, 1, 1, 0, 0, 0, 500, TimeSpan.Zero);

        var ntp = NtpTimestamp.FromDateTimeOffset(time);

        Assert.Equal(3_155_673_600u, ntp.Seconds); // RFC 5905 figure 4: 1 Jan 2000 is NTP second 3,155,673,600
        Assert.Equal(0x8000_0000u, ntp.Fraction);
        Assert.Equal(0xC2008000u, ntp.Middle32);
        Assert.Equal(time, ntp.ToDateTimeOffset());
    }

    [Fact]
    public void ToDateTimeOffset_AfterEraRollover_MapsToEraOne()
    {
        var time = new DateTimeOffset(2036, 2, 7, 6, 28, 17, TimeSpan.Zero);

        var ntp = NtpTimestamp.FromDateTimeOffset(time);

        Assert.Equal(1u, ntp.Seconds);
        Assert.Equal(time, ntp.ToDateTimeOffset());
    }

    [Theory]
    [InlineData(0, 0u)]
    [InlineData(-5, 0u)]
    [InlineData(1500, 0x00018000u)]
    [InlineData(100_000_000, uint.MaxValue)] // saturates past 65535 s
    public void ToShortFormat_Durations_AreSixteenDotSixteen(int milliseconds, uint expected)
    {
        var units = NtpTimestamp.ToShortFormat(TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, units);
    }
}

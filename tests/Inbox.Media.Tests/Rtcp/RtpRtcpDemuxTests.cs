using Inbox.Media.Rtcp;

namespace Inbox.Media.Tests.Rtcp;

public sealed class RtpRtcpDemuxTests
{
    [Theory]
    [InlineData(200, true)] // SR
    [InlineData(201, true)] // RR
    [InlineData(207, true)] // XR
    [InlineData(192, true)] // lowest RTCP type in the reserved range
    [InlineData(223, true)] // highest
    [InlineData(0, false)] // PCMU
    [InlineData(0x80, false)] // PCMU with marker
    [InlineData(8, false)] // PCMA
    [InlineData(96, false)] // dynamic
    [InlineData(0x80 | 111, false)] // Opus with marker
    [InlineData(63, false)]
    [InlineData(224, false)]
    public void IsRtcp_SecondOctet_ClassifiesPerRfc5761(int secondOctet, bool expected)
    {
        byte[] datagram = [0x80, (byte)secondOctet, 0, 1];

        var isRtcp = RtpRtcpDemux.IsRtcp(datagram);

        Assert.Equal(expected, isRtcp);
    }

    [Fact]
    public void IsRtcp_OneByte_ReturnsFalse()
    {
        byte[] datagram = [0x80];

        var isRtcp = RtpRtcpDemux.IsRtcp(datagram);

        Assert.False(isRtcp);
    }
}

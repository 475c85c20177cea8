using Inbox.Sip.Messages;

namespace Inbox.Sip.Tests.Messages;

public sealed class SipViaTests
{
    [Theory]
    [InlineData("SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds", "UDP", "pc33.atlanta.com", null, "z9hG4bK776asdhds")]
    [InlineData("SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74b43", "TCP", "client.atlanta.example.com", 5060, "z9hG4bK74b43")]
    [InlineData("sip/2.0/tls 192.0.2.1:5061;branch=z9hG4bKx", "TLS", "192.0.2.1", 5061, "z9hG4bKx")]
    [InlineData("SIP  /   2.0 /UDP    192.0.2.2;branch=390skdjuw", "UDP", "192.0.2.2", null, "390skdjuw")]
    [InlineData("SIP/2.0/UDP host : 5070 ; branch = z9hG4bKa", "UDP", "host", 5070, "z9hG4bKa")]
    [InlineData("SIP/2.0/SCTP [2001:db8::9:1]:5060;branch=z9hG4bKb", "SCTP", "[2001:db8::9:1]", 5060, "z9hG4bKb")]
    [InlineData("SIP/2.0/UNKNOWN t.example.com", "UNKNOWN", "t.example.com", null, null)]
    public void TryParse_Via_TransportHostPortBranch(string text, string transport, string host, int? port, string? branch)
    {
        var ok = SipVia.TryParse(text, out var via);

        Assert.True(ok);
        Assert.Equal((transport, host, port, branch), (via!.Transport, via.Host, via.Port, via.Branch));
    }

    [Fact]
    public void TryParse_ReceivedAndRPort_Read()
    {
        var ok = SipVia.TryParse("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa;received=192.0.2.1;rport=5062", out var via);

        Assert.True(ok);
        Assert.Equal("192.0.2.1", via!.Received);
        Assert.Equal(5062, via.RPort);
        Assert.True(via.HasRPort);
    }

    [Fact]
    public void TryParse_EmptyRPort_PresentWithoutValue()
    {
        var ok = SipVia.TryParse("SIP/2.0/UDP 10.0.0.1;rport;branch=z9hG4bKa", out var via);

        Assert.True(ok);
        Assert.True(via!.HasRPort);
        Assert.Null(via.RPort);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SIP/2.0")]
    [InlineData("SIP/2.0/")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0/UDP ")]
    [InlineData("SIP/2.0/UDPhost")]
    [InlineData("SIP/1.0/UDP host")]
    [InlineData("SIP/2.0/UDP host:")]
    [InlineData("SIP/2.0/UDP host:70000")]
    [InlineData("SIP/2.0/UDP [2001:db8::1")]
    [InlineData("SIP/2.0/UDP 192.0.2.15;;,;,,")]
    [InlineData("SIP/2.0/UDP host;branch=a junk")]
    public void TryParse_Malformed_False(string text)
    {
        var ok = SipVia.TryParse(text, out var via);

        Assert.False(ok);
        Assert.Null(via);
    }

    [Fact]
    public void ToString_Parsed_CanonicalForm()
    {
        var via = SipVia.TryParse("sip / 2.0 / udp host:5060 ; branch=z9hG4bKa ; rport", out var value) ? value : null;

        var written = via!.ToString();

        Assert.Equal("SIP/2.0/UDP host:5060;branch=z9hG4bKa;rport", written);
    }
}

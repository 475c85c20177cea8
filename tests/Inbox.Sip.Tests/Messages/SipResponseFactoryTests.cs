using System.Net;
using Inbox.Sip.Messages;
using Inbox.Sip.Tests.Transactions;

namespace Inbox.Sip.Tests.Messages;

public sealed class SipResponseFactoryTests
{
    private static readonly IPEndPoint s_source = new(IPAddress.Parse("198.51.100.7"), 61000);

    [Fact]
    public void Create_Request_CopiesDialogHeadersAndAddsToTag()
    {
        var request = SipTestMessages.Request("INVITE", "z9hG4bKabc", extraHeaders: "Timestamp: 54\r\n");

        var response = SipResponseFactory.Create(request, 180, toTag: "t1");

        Assert.Equal(180, response.StatusCode);
        Assert.Equal("Ringing", response.ReasonPhrase);
        Assert.Equal("z9hG4bKabc", response.TopVia.Branch);
        Assert.Equal(request.From.Tag, response.From.Tag);
        Assert.Equal("t1", response.To.Tag);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Equal("54", response.GetHeader(SipHeaderId.Timestamp));
    }

    [Fact]
    public void Create_RequestWithToTag_KeepsExistingTag()
    {
        var request = SipTestMessages.Request("BYE", toTag: "existing");

        var response = SipResponseFactory.Create(request, 200, toTag: "other");

        Assert.Equal("existing", response.To.Tag);
    }

    [Fact]
    public void Create_SourceDiffersFromSentBy_AddsReceived()
    {
        var request = SipTestMessages.Request("OPTIONS");

        var response = SipResponseFactory.Create(request, 200, source: s_source);

        Assert.Equal("198.51.100.7", response.TopVia.Received);
        Assert.False(response.TopVia.HasRPort);
    }

    [Fact]
    public void Create_EmptyRPort_FillsRPortAndReceived()
    {
        var request = SipTestMessages.Request("OPTIONS", viaExtra: ";rport", viaHost: "198.51.100.7");

        var response = SipResponseFactory.Create(request, 200, source: s_source);

        Assert.Equal(61000, response.TopVia.RPort);
        Assert.Equal("198.51.100.7", response.TopVia.Received);
    }

    [Fact]
    public void StampVia_SentByIsSourceWithoutRPort_ReturnsSameVia()
    {
        var via = SipTestMessages.Request("OPTIONS", viaHost: "198.51.100.7").TopVia;

        var stamped = SipResponseFactory.StampVia(via, s_source);

        Assert.Same(via, stamped);
    }

    [Fact]
    public void Create_SeveralVias_KeepsOrder()
    {
        var request = SipTestMessages.Request("OPTIONS", extraHeaders: "Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp1\r\n");

        var response = SipResponseFactory.Create(request, 200, source: s_source);

        Assert.Equal(2, response.Vias.Count);
        Assert.Equal("z9hG4bKp1", response.Vias[1].Branch);
    }
}

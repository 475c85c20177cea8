using System.Text;
using Inbox.Sip.Messages;
using Inbox.Sip.Parsing;

namespace Inbox.Sip.Tests.Parsing;

public sealed class SipParserTests
{
    private const string Invite =
        "INVITE sip:bob@biloxi.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@biloxi.com>\r\n" +
        "From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@pc33.atlanta.com>\r\n" +
        "X-Custom: kept as is\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 4\r\n" +
        "\r\n" +
        "v=0\n";

    [Fact]
    public void TryParse_Rfc3261Invite_IndexesEveryHeaderInOrder()
    {
        var index = new SipMessageIndex();

        var status = SipParser.TryParse(Encoding.ASCII.GetBytes(Invite), index, isStream: false, out var error);

        Assert.Equal(SipParseStatus.Ok, status);
        Assert.Null(error);
        Assert.True(index.IsRequest);
        Assert.Equal(SipMethod.Invite, index.Method);
        Assert.Equal(10, index.HeaderCount);
        Assert.Equal(SipHeaderId.Unknown, index.Headers[7].Id);
        Assert.Equal(4, index.BodyLength);
    }

    [Fact]
    public void TryRead_Rfc3261Invite_MaterialisesTypedHeaders()
    {
        var status = SipMessageReader.TryRead(Encoding.ASCII.GetBytes(Invite), out var message, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal("bob", request.RequestUri.User);
        Assert.Equal("1928301774", request.From.Tag);
        Assert.Equal("Alice", request.From.DisplayName);
        Assert.Equal(314159, request.CSeq.Number);
        Assert.Equal("z9hG4bK776asdhds", request.TopVia.Branch);
        Assert.Equal("kept as is", request.GetHeader("x-custom"));
        Assert.Equal("v=0\n", Encoding.ASCII.GetString(request.Body.Span));
    }
}

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

    [Theory]
    [InlineData("REGISTER sip:registrar.biloxi.com SIP/2.0", nameof(SipMethod.Register), "sip:registrar.biloxi.com")]
    [InlineData("ACK sip:bob@192.0.2.4 SIP/2.0", nameof(SipMethod.Ack), "sip:bob@192.0.2.4")]
    [InlineData("OPTIONS sips:[2001:db8::1]:5061;transport=tls SIP/2.0", nameof(SipMethod.Options), "sips:[2001:db8::1]:5061;transport=tls")]
    [InlineData("NEWMETHOD tel:+1-201-555-0123 SIP/2.0", nameof(SipMethod.Extension), "tel:+1-201-555-0123")]
    [InlineData("invite sip:bob@biloxi.com SIP/2.0", nameof(SipMethod.Extension), "sip:bob@biloxi.com")]
    public void TryParse_RequestLine_IndexesMethodAndUri(string startLine, string method, string uri)
    {
        var bytes = SipTestData.Crlf(startLine + "\nContent-Length: 0\n\n");
        var index = new SipMessageIndex();

        var status = SipParser.TryParse(bytes, index, isStream: false, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        Assert.True(index.IsRequest);
        Assert.Equal(Enum.Parse<SipMethod>(method), index.Method);
        Assert.Equal(uri, Encoding.ASCII.GetString(bytes.AsSpan(index.RequestUri)));
        Assert.Equal(startLine.Split(' ')[0], Encoding.ASCII.GetString(bytes.AsSpan(index.MethodName)));
    }

    [Theory]
    [InlineData("SIP/2.0 200 OK", 200, "OK")]
    [InlineData("SIP/2.0 100 Trying", 100, "Trying")]
    [InlineData("SIP/2.0 486 Busy Here", 486, "Busy Here")]
    [InlineData("SIP/2.0 699 ", 699, "")]
    [InlineData("SIP/2.0 183", 183, "")]
    public void TryParse_StatusLine_IndexesCodeAndReason(string startLine, int code, string reason)
    {
        var bytes = SipTestData.Crlf(startLine + "\nContent-Length: 0\n\n");
        var index = new SipMessageIndex();

        var status = SipParser.TryParse(bytes, index, isStream: false, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        Assert.False(index.IsRequest);
        Assert.Equal(code, index.StatusCode);
        Assert.Equal(reason, Encoding.ASCII.GetString(bytes.AsSpan(index.ReasonPhrase)));
    }

    [Theory]
    [InlineData("SIP/2.0 2000 OK", "Malformed status line")]
    [InlineData("SIP/2.0 4294967301 better not break the receiver", "Malformed status line")]
    [InlineData("SIP/2.0 099 Too low", "Malformed status line")]
    [InlineData("SIP/2.0 700 Too high", "Malformed status line")]
    [InlineData("SIP/2.0 2x0 OK", "Malformed status line")]
    [InlineData("SIP/3.0 200 OK", "SIP Version Not Supported")]
    [InlineData("INVITE SIP/2.0", "Malformed request line")]
    [InlineData("INVITE  sip:user@example.com  SIP/2.0", "Malformed Request-URI")]
    [InlineData("INVITE sip:user@example.com; lr SIP/2.0", "Malformed Request-URI")]
    [InlineData("INVITE user.example.com SIP/2.0", "Malformed Request-URI")]
    [InlineData("INV(ITE sip:user@example.com SIP/2.0", "Malformed method")]
    [InlineData("INVITE sip:user@example.com SIP/2.0 ", "Malformed request line")]
    public void TryParse_MalformedStartLine_InvalidNamingTheProblem(string startLine, string reason)
    {
        var bytes = SipTestData.Crlf(startLine + "\nContent-Length: 0\n\n");

        var status = SipParser.TryParse(bytes, new SipMessageIndex(), isStream: false, out var error);

        Assert.Equal(SipParseStatus.Invalid, status);
        Assert.Equal(reason, error);
    }

    [Theory]
    [InlineData("Via SIP/2.0/UDP host", "Malformed header line")]
    [InlineData(": no name", "Malformed header line")]
    [InlineData("Bad Name: value", "Malformed header name")]
    [InlineData("Bad\u00e9: value", "Malformed header name")]
    [InlineData("Content-Length: -999", "Malformed Content-Length")]
    [InlineData("Content-Length: 12abc", "Malformed Content-Length")]
    [InlineData("Content-Length: 99999999999999999999", "Malformed Content-Length")]
    [InlineData("Content-Length:", "Malformed Content-Length")]
    public void TryParse_MalformedHeaderLine_InvalidNamingTheProblem(string headerLine, string reason)
    {
        var bytes = SipTestData.Crlf("OPTIONS sip:a@example.com SIP/2.0\nCall-ID: x\n" + headerLine + "\n\n");

        var status = SipParser.TryParse(bytes, new SipMessageIndex(), isStream: false, out var error);

        Assert.Equal(SipParseStatus.Invalid, status);
        Assert.Equal(reason, error);
    }

    [Fact]
    public void TryParse_ConflictingContentLengths_Invalid()
    {
        var bytes = SipTestData.Crlf("OPTIONS sip:a@example.com SIP/2.0\nContent-Length: 0\nl: 4\n\nabcd");

        var status = SipParser.TryParse(bytes, new SipMessageIndex(), isStream: false, out var error);

        Assert.Equal(SipParseStatus.Invalid, status);
        Assert.Equal("Conflicting Content-Length headers", error);
    }

    [Fact]
    public void TryParse_RepeatedEqualContentLengths_Ok()
    {
        var bytes = SipTestData.Crlf("OPTIONS sip:a@example.com SIP/2.0\nContent-Length: 4\nl: 4\n\nabcd");
        var index = new SipMessageIndex();

        var status = SipParser.TryParse(bytes, index, isStream: false, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        Assert.Equal(4, index.BodyLength);
    }

    [Fact]
    public void TryParse_RequestInOtherVersion_UnsupportedVersionWithIndex()
    {
        var bytes = SipTestData.Crlf("OPTIONS sip:t.watson@example.org SIP/7.0\nCall-ID: badvers\nContent-Length: 0\n\n");
        var index = new SipMessageIndex();

        var status = SipParser.TryParse(bytes, index, isStream: false, out var error);

        Assert.Equal(SipParseStatus.UnsupportedVersion, status);
        Assert.Equal("SIP Version Not Supported", error);
        Assert.True(index.IsRequest);
        Assert.Equal(2, index.HeaderCount);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n")]
    [InlineData("hello world")]
    [InlineData("\r\n\r\n")]
    [InlineData("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003\n")]
    [InlineData("")]
    public void TryParse_Garbage_NotSip(string text)
    {
        var status = SipParser.TryParse(Encoding.UTF8.GetBytes(text), new SipMessageIndex(), isStream: false, out var error);

        Assert.Equal(SipParseStatus.NotSip, status);
        Assert.Equal("Not a SIP message", error);
    }

    [Fact]
    public void TryParse_HeaderNamesInAnyCase_RecognisedCaseInsensitively()
    {
        var bytes = SipTestData.Crlf("OPTIONS sip:a@example.com SIP/2.0\ncall-id: 1\nCALL-ID: 2\nvIa: SIP/2.0/UDP h\ncontent-LENGTH: 0\n\n");
        var index = new SipMessageIndex();

        SipParser.TryParse(bytes, index, isStream: false, out _);

        Assert.Equal(new[] { SipHeaderId.CallId, SipHeaderId.CallId, SipHeaderId.Via, SipHeaderId.ContentLength }, index.Headers.ToArray().Select(h => h.Id));
    }

    [Theory]
    [InlineData("i", nameof(SipHeaderId.CallId))]
    [InlineData("m", nameof(SipHeaderId.Contact))]
    [InlineData("f", nameof(SipHeaderId.From))]
    [InlineData("t", nameof(SipHeaderId.To))]
    [InlineData("v", nameof(SipHeaderId.Via))]
    [InlineData("l", nameof(SipHeaderId.ContentLength))]
    [InlineData("c", nameof(SipHeaderId.ContentType))]
    [InlineData("k", nameof(SipHeaderId.Supported))]
    [InlineData("s", nameof(SipHeaderId.Subject))]
    [InlineData("e", nameof(SipHeaderId.ContentEncoding))]
    [InlineData("I", nameof(SipHeaderId.CallId))]
    [InlineData("V", nameof(SipHeaderId.Via))]
    [InlineData("z", nameof(SipHeaderId.Unknown))]
    public void TryParse_CompactHeaderName_MapsToFullHeader(string name, string header)
    {
        var id = Enum.Parse<SipHeaderId>(header);
        var value = id == SipHeaderId.ContentLength ? "0" : "x";
        var bytes = SipTestData.Crlf($"OPTIONS sip:a@example.com SIP/2.0\n{name}: {value}\n\n");
        var index = new SipMessageIndex();

        SipParser.TryParse(bytes, index, isStream: false, out _);

        Assert.Equal(id, index.Headers[0].Id);
    }

    [Fact]
    public void TryParse_WhitespaceAroundColon_NameAndValueTrimmed()
    {
        var bytes = SipTestData.Crlf("OPTIONS sip:a@example.com SIP/2.0\nSubject \t:   hello  \nContent-Length   :0\n\n");
        var index = new SipMessageIndex();

        var status = SipParser.TryParse(bytes, index, isStream: false, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        Assert.Equal("Subject", Encoding.ASCII.GetString(bytes.AsSpan(index.Headers[0].Name)));
        Assert.Equal("hello", Encoding.ASCII.GetString(bytes.AsSpan(index.Headers[0].Value)));
        Assert.Equal(0, index.ContentLength);
    }

    [Fact]
    public void TryParse_FoldedHeader_OneEntryMarkedFolded()
    {
        var bytes = SipTestData.Crlf("OPTIONS sip:a@example.com SIP/2.0\nSubject: one\n two\n\tthree\nCall-ID: x\nContent-Length: 0\n\n");
        var index = new SipMessageIndex();

        var status = SipParser.TryParse(bytes, index, isStream: false, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        Assert.Equal(3, index.HeaderCount);
        Assert.True(index.HasFoldedLines);
        Assert.True(index.Headers[0].IsFolded);
        Assert.False(index.Headers[1].IsFolded);
        Assert.Equal(SipHeaderId.CallId, index.Headers[1].Id);
    }

    [Fact]
    public void TryParse_BareLineFeeds_Accepted()
    {
        var bytes = Encoding.ASCII.GetBytes("OPTIONS sip:a@example.com SIP/2.0\nCall-ID: x\nContent-Length: 2\n\nab");
        var index = new SipMessageIndex();

        var status = SipParser.TryParse(bytes, index, isStream: false, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        Assert.Equal("x", Encoding.ASCII.GetString(bytes.AsSpan(index.Headers[0].Value)));
        Assert.Equal(2, index.BodyLength);
    }

    [Fact]
    public void TryParse_TooManyHeaders_Invalid()
    {
        var text = new StringBuilder("OPTIONS sip:a@example.com SIP/2.0\n");
        for (var i = 0; i <= SipMessageIndex.MaxHeaders; i++)
        {
            text.Append("X-H: ").Append(i).Append('\n');
        }

        var status = SipParser.TryParse(SipTestData.Crlf(text.Append('\n').ToString()), new SipMessageIndex(), isStream: false, out var error);

        Assert.Equal(SipParseStatus.Invalid, status);
        Assert.Equal("Too many headers", error);
    }

    [Fact]
    public void TryParse_ReusedIndex_ResetBetweenMessages()
    {
        var index = new SipMessageIndex();
        SipParser.TryParse(Encoding.ASCII.GetBytes(Invite), index, isStream: false, out _);

        var status = SipParser.TryParse(SipTestData.Crlf("SIP/2.0 200 OK\nCall-ID: x\n\n"), index, isStream: false, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        Assert.False(index.IsRequest);
        Assert.Equal(1, index.HeaderCount);
        Assert.Equal(-1, index.ContentLength);
        Assert.False(index.HasFoldedLines);
    }
}

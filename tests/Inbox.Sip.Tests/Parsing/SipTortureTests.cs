using System.Text;
using Inbox.Sip.Messages;
using Inbox.Sip.Parsing;

namespace Inbox.Sip.Tests.Parsing;

/// <summary>Messages from RFC 4475 (SIP torture tests) and RFC 5118 (IPv6), read end to end into typed headers.</summary>
public sealed class SipTortureTests
{
    [Fact]
    public void TryRead_Wsinv_UnfoldsAndTrimsEveryHeader()
    {
        var status = SipMessageReader.TryRead(SipTestData.Load("wsinv.sip"), out var message, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal("vivekg", request.RequestUri.User);
        Assert.True(request.RequestUri.Parameters.Contains("unknownparam"));
        Assert.Equal("1918181833n", request.To.Tag);
        Assert.Null(request.To.DisplayName);
        Assert.Equal("J Rosenberg \\\"", request.From.DisplayName);
        Assert.Equal("98asjd8", request.From.Tag);
        Assert.Equal(68, request.MaxForwards);
        Assert.Equal(new SipCSeq(9, SipMethod.Invite, "INVITE"), request.CSeq);
        Assert.Equal(3, request.Vias.Count);
        Assert.Equal(("UDP", "192.0.2.2", "390skdjuw"), (request.Vias[0].Transport, request.Vias[0].Host, request.Vias[0].Branch));
        Assert.Equal(("TCP", "spindle.example.com", "z9hG4bK9ikj8"), (request.Vias[1].Transport, request.Vias[1].Host, request.Vias[1].Branch));
        Assert.Equal(("UDP", "192.168.255.111", "z9hG4bK30239"), (request.Vias[2].Transport, request.Vias[2].Host, request.Vias[2].Branch));
        var contact = Assert.Single(request.Contacts);
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.Parameters["newparam"]);
        Assert.True(contact.Parameters.Contains("secondparam"));
        Assert.Equal("0.33", contact.Parameters["q"]);
        Assert.Equal("newfangled value continued newfangled value", request.GetHeader("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", request.GetHeader("UnknownHeaderWithUnusualValue"));
        Assert.Equal("<sip:services.example.com;lr;unknownwith=value;unknown-no-value>", request.GetHeader(SipHeaderId.Route));
        Assert.Equal(string.Empty, request.GetHeader(SipHeaderId.Subject));
        Assert.Equal(150, request.Body.Length);
    }

    [Fact]
    public void TryRead_Intmeth_ExtensionMethodAndUnusualUri()
    {
        var status = SipMessageReader.TryRead(SipTestData.Load("intmeth.sip"), out var message, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal(SipMethod.Extension, request.Method);
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", request.MethodName);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", request.RequestUri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", request.RequestUri.Password);
        Assert.Equal("example.com", request.RequestUri.Host);
        Assert.Equal("BEL:\a NUL:\0 DEL:\u007f", request.To.DisplayName);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", request.To.Uri.User);
        Assert.Equal("token1~` token2'+_ token3*%!.-", request.From.DisplayName);
        Assert.Equal("_token~1'+`*%!-.", request.From.Tag);
        Assert.Equal("\"работающий\"", request.From.Parameters["fromParam''~+*_!.-%"]);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", request.CallId);
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", request.CSeq.MethodName);
        Assert.Equal("z9hG4bK-.!%66*_+`'~", request.TopVia.Branch);
        Assert.Equal("大停電", request.GetHeader("extensionHeader-!.%*+_`'~"));
    }

    [Fact]
    public void TryRead_Esc01_EscapesResolvedInUserParts()
    {
        var status = SipMessageReader.TryRead(SipTestData.Load("esc01.sip"), out var message, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal("sips:user@example.com", request.RequestUri.User);
        Assert.Equal("example.net", request.RequestUri.Host);
        Assert.Equal("user", request.To.Uri.User);
        Assert.Equal("I have spaces", request.From.Uri.User);
        Assert.Equal("esc01.239409asdfakjkn23onasd0-3234", request.CallId);
        Assert.Equal("application/sdp", request.ContentType);
        Assert.Equal("caller", Assert.Single(request.Contacts).Uri.User);
    }

    [Fact]
    public void TryRead_Esc02_PercentInMethodIsNotAnEscape()
    {
        var status = SipMessageReader.TryRead(SipTestData.Load("esc02.sip"), out var message, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal(SipMethod.Extension, request.Method);
        Assert.Equal("RE%47IST%45R", request.MethodName);
        Assert.Equal("%Z%45", request.To.DisplayName);
        Assert.Equal(new[] { "sip:alias1@host1.example.com", "sip:alias3@host3.example.com" }, request.Contacts.Select(c => c.Uri.ToString()));
        Assert.Equal("<sip:alias2@host2.example.com>", request.GetHeader("C%6Fntact"));
        Assert.Equal(SipMethod.Extension, request.CSeq.Method);
    }

    [Fact]
    public void TryRead_Semiuri_SemicolonAndEscapedAtInUser()
    {
        var status = SipMessageReader.TryRead(SipTestData.Load("semiuri.sip"), out var message, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal("user;par=u@example.net", request.RequestUri.User);
        Assert.Equal("example.com", request.RequestUri.Host);
        Assert.Equal(0, request.RequestUri.Parameters.Count);
        Assert.Equal(6, request.GetHeaderValues(SipHeaderId.Accept).Count);
        Assert.Equal("multipart/mixed", request.GetHeaderValues(SipHeaderId.Accept)[2]);
    }

    [Fact]
    public void TryRead_Unreason_Utf8ReasonPhrase()
    {
        var status = SipMessageReader.TryRead(SipTestData.Load("unreason.sip"), out var message, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        var response = Assert.IsType<SipResponse>(message);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("= 2**3 * 5**2 но сто девяносто девять - простое", response.ReasonPhrase);
        Assert.Equal("2229", response.To.Tag);
        Assert.Equal(SipMethod.Invite, response.CSeq.Method);
    }

    [Fact]
    public void TryRead_Ipv6References_HostsKeepBracketsAndPorts()
    {
        var status = SipMessageReader.TryRead(SipTestData.Load("ipv6.sip"), out var message, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal(("[2001:db8::10]", 5070), (request.RequestUri.Host, request.RequestUri.Port));
        Assert.Equal(("[2001:db8::9:1]", 5060), (request.TopVia.Host, request.TopVia.Port));
        Assert.Equal("[2001:db8::9:255]", request.TopVia.Received);
        Assert.Equal(2, request.Contacts.Count);
        Assert.Equal(("[2001:db8::1]", 5060, "udp"), (request.Contacts[0].Uri.Host, request.Contacts[0].Uri.Port, request.Contacts[0].Uri.Transport));
        Assert.Equal("Caller", request.Contacts[0].DisplayName);
        // RFC 5118 §4.4: the port inside the brackets is part of the address, not a port.
        Assert.Equal("[2001:db8::10:5070]", request.Contacts[1].Uri.Host);
        Assert.Null(request.Contacts[1].Uri.Port);
    }

    [Fact]
    public void TryRead_Badinv01_ExtraneousSeparatorsRejectedAsFormatErrors()
    {
        var status = SipMessageReader.TryRead(SipTestData.Load("badinv01.sip"), out var message, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        Assert.Equal("Malformed Via header", Assert.Throws<SipFormatException>(() => message!.Vias).Message);
        Assert.Equal("Malformed Contact header", Assert.Throws<SipFormatException>(() => message!.Contacts).Message);
    }

    [Fact]
    public void TryRead_Scalar02_OverlargeValuesRejectedAsFormatErrors()
    {
        var status = SipMessageReader.TryRead(SipTestData.Load("scalar02.sip"), out var message, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        Assert.Equal("Malformed CSeq header", Assert.Throws<SipFormatException>(() => message!.CSeq).Message);
        Assert.Equal("Malformed Max-Forwards header", Assert.Throws<SipFormatException>(() => message!.MaxForwards).Message);
        Assert.Equal("Malformed Expires header", Assert.Throws<SipFormatException>(() => message!.Expires).Message);
    }

    [Fact]
    public void TryRead_Quotbal_UnterminatedDisplayNameRejected()
    {
        var status = SipMessageReader.TryRead(SipTestData.Load("quotbal.sip"), out var message, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        Assert.Equal("Malformed To header", Assert.Throws<SipFormatException>(() => message!.To).Message);
        Assert.Equal("93334", message!.From.Tag);
    }

    [Theory]
    [InlineData("INVITE <sip:user@example.com> SIP/2.0")]
    [InlineData("OPTIONS nobodyknowsthisscheme:totallyopaquecontent SIP/2.0")]
    [InlineData("INVITE sip:user@[2001:db8::10 SIP/2.0")]
    [InlineData("INVITE sip:user@example.com:99999 SIP/2.0")]
    public void RequestUri_UnparsableUri_FormatException(string startLine)
    {
        SipMessageReader.TryRead(SipTestData.Crlf(startLine + "\nCall-ID: x\nContent-Length: 0\n\n"), out var message, out _);
        var request = Assert.IsType<SipRequest>(message);

        var exception = Assert.Throws<SipFormatException>(() => request.RequestUri);

        Assert.Equal("Malformed Request-URI", exception.Message);
    }

    [Theory]
    [InlineData("From: Bell, Alexander <sip:a.g.bell@example.com>;tag=43", "Malformed From header")]
    [InlineData("From: isbn:2983792873;tag=1", "Malformed From header")]
    [InlineData("From: <sip:a@example.com>;tag=1;", "Malformed From header")]
    [InlineData("From: sip:user@example.com?Route=%3Csip:sip.example.com%3E", "Malformed From header")]
    [InlineData("Call-ID: only", "Missing From header")]
    public void From_MalformedOrMissing_FormatExceptionNamingHeader(string headerLine, string reason)
    {
        SipMessageReader.TryRead(SipTestData.Crlf("INVITE sip:a@example.com SIP/2.0\n" + headerLine + "\nContent-Length: 0\n\n"), out var message, out _);

        var exception = Assert.Throws<SipFormatException>(() => message!.From);

        Assert.Equal(reason, exception.Message);
    }

    [Fact]
    public void TryRead_MissingCallId_FormatException()
    {
        SipMessageReader.TryRead(SipTestData.Crlf("INVITE sip:a@example.com SIP/2.0\nContent-Length: 0\n\n"), out var message, out _);

        var exception = Assert.Throws<SipFormatException>(() => message!.CallId);

        Assert.Equal("Missing Call-ID header", exception.Message);
    }

    [Fact]
    public void TryRead_BenchmarkInvite_AllTypedHeaders()
    {
        var status = SipMessageReader.TryRead(SipTestData.Load("invite-890.sip"), out var message, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal(890, request.Bytes.Length);
        Assert.Equal("bob", request.RequestUri.User);
        Assert.Equal("Alice", request.From.DisplayName);
        Assert.Equal("9fxced76sl", request.From.Tag);
        Assert.Equal("udp", Assert.Single(request.Contacts).Uri.Transport);
        Assert.True(request.TopVia.HasRPort);
        Assert.Null(request.TopVia.RPort);
        Assert.Equal(279, request.Body.Length);
        Assert.StartsWith("v=0\r\n", Encoding.ASCII.GetString(request.Body.Span), StringComparison.Ordinal);
    }
}

using System.Text;
using Inbox.Sip.Messages;
using Inbox.Sip.Parsing;

namespace Inbox.Sip.Tests.Messages;

public sealed class SipMessageWriterTests
{
    [Theory]
    [InlineData("invite-890.sip")]
    [InlineData("ok200-781.sip")]
    [InlineData("intmeth.sip")]
    [InlineData("esc02.sip")]
    [InlineData("unreason.sip")]
    [InlineData("ipv6.sip")]
    public void TryWrite_MessageWithoutFolding_ByteExact(string file)
    {
        var bytes = SipTestData.Load(file);
        SipMessageReader.TryRead(bytes, out var message, out _);
        var destination = new byte[bytes.Length + 64];

        var ok = SipMessageWriter.TryWrite(message!, destination, out var written);

        Assert.True(ok);
        Assert.Equal(bytes, destination.AsSpan(0, written).ToArray());
    }

    [Fact]
    public void TryWrite_UnknownHeaders_PreservedInOrder()
    {
        var bytes = SipTestData.Crlf("MESSAGE sip:a@example.com SIP/2.0\nX-Z: last?\nCall-ID: 1\nP-Asserted-Identity: <sip:a@b.com>\nx-a: first\nContent-Length: 2\n\nhi");
        SipMessageReader.TryRead(bytes, out var message, out _);
        var destination = new byte[bytes.Length];

        var ok = SipMessageWriter.TryWrite(message!, destination, out var written);

        Assert.True(ok);
        Assert.Equal(bytes.Length, written);
        Assert.Equal(bytes, destination);
    }

    [Fact]
    public void TryWrite_IrregularSpacing_NormalisedToColonSpace()
    {
        var bytes = SipTestData.Crlf("OPTIONS sip:a@example.com SIP/2.0\nCall-ID :x\nX-Custom:    spaced   \nContent-Length: 0\n\n");
        SipMessageReader.TryRead(bytes, out var message, out _);
        var destination = new byte[256];

        SipMessageWriter.TryWrite(message!, destination, out var written);

        Assert.Equal(
            "OPTIONS sip:a@example.com SIP/2.0\r\nCall-ID: x\r\nX-Custom: spaced\r\nContent-Length: 0\r\n\r\n",
            Encoding.ASCII.GetString(destination, 0, written));
    }

    [Fact]
    public void TryWrite_FoldedMessage_ReparsesToSameValues()
    {
        var bytes = SipTestData.Load("wsinv.sip");
        SipMessageReader.TryRead(bytes, out var message, out _);
        var destination = new byte[bytes.Length];

        var ok = SipMessageWriter.TryWrite(message!, destination, out var written);
        var status = SipMessageReader.TryRead(destination.AsSpan(0, written), out var reparsed, out _);

        Assert.True(ok);
        Assert.Equal(SipParseStatus.Ok, status);
        Assert.Equal(message!.HeaderLines(), reparsed!.HeaderLines());
        Assert.Equal(message.Body.ToArray(), reparsed.Body.ToArray());
    }

    [Fact]
    public void TryWrite_DestinationTooSmallAtEveryLength_FalseWithoutThrowing()
    {
        var bytes = SipTestData.Load("ok200-781.sip");
        SipMessageReader.TryRead(bytes, out var message, out _);
        var destination = new byte[bytes.Length];

        for (var length = 0; length < bytes.Length; length++)
        {
            var ok = SipMessageWriter.TryWrite(message!, destination.AsSpan(0, length), out _);

            Assert.False(ok);
        }
    }

    [Fact]
    public void TryWrite_DatagramWithTrailingBytes_WritesOnlyTheMessage()
    {
        var bytes = SipTestData.Crlf("MESSAGE sip:a@example.com SIP/2.0\nContent-Length: 2\n\nhi, junk");
        SipMessageReader.TryRead(bytes, out var message, out _);
        var destination = new byte[bytes.Length];

        SipMessageWriter.TryWrite(message!, destination, out var written);

        Assert.Equal(bytes.Length - 6, written);
    }

    [Fact]
    public void Build_Response_ParsesBackWithSameHeaders()
    {
        SipMessageReader.TryRead(SipTestData.Load("invite-890.sip"), out var invite, out _);

        var response = SipMessageBuilder.Response(200)
            .CopyHeaders(invite!, SipHeaderId.Via)
            .Header(SipHeaderId.From, invite!.From.ToString())
            .Header(SipHeaderId.To, invite.To.WithTag("srv1").ToString())
            .Header(SipHeaderId.CallId, invite.CallId)
            .Header(SipHeaderId.CSeq, invite.CSeq.ToString())
            .BuildResponse();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.Equal(invite.TopVia.Branch, response.TopVia.Branch);
        Assert.Equal("srv1", response.To.Tag);
        Assert.Equal(invite.From.Tag, response.From.Tag);
        Assert.Equal(invite.CSeq, response.CSeq);
        Assert.Equal(0, response.Index.ContentLength);
    }
}

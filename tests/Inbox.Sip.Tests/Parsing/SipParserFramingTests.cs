using System.Text;
using Inbox.Sip.Messages;
using Inbox.Sip.Parsing;

namespace Inbox.Sip.Tests.Parsing;

/// <summary>Content-Length framing on streams and datagrams (RFC 3261 §18.3, §20.14).</summary>
public sealed class SipParserFramingTests
{
    private static readonly byte[] s_first = SipTestData.Crlf("MESSAGE sip:a@example.com SIP/2.0\nCall-ID: 1\nContent-Length: 5\n\nhello");
    private static readonly byte[] s_second = SipTestData.Crlf("SIP/2.0 200 OK\nCall-ID: 2\nSubject: s\nl: 3\n\nbye");

    [Fact]
    public void TryRead_TwoMessagesBackToBackOnStream_ReadsEachInTurn()
    {
        byte[] stream = [.. s_first, .. s_second];
        var scratch = new SipMessageIndex();

        var firstStatus = SipMessageReader.TryRead(stream, isStream: true, scratch, out var first, out _, out var consumed);
        var secondStatus = SipMessageReader.TryRead(stream.AsSpan(consumed), isStream: true, scratch, out var second, out _, out var secondConsumed);

        Assert.Equal(SipParseStatus.Ok, firstStatus);
        Assert.Equal(s_first.Length, consumed);
        Assert.Equal("1", first!.CallId);
        Assert.Equal("hello", Encoding.ASCII.GetString(first.Body.Span));
        Assert.Equal(SipParseStatus.Ok, secondStatus);
        Assert.Equal(s_second.Length, secondConsumed);
        Assert.Equal("2", second!.CallId);
        Assert.Equal("bye", Encoding.ASCII.GetString(second.Body.Span));
    }

    [Fact]
    public void TryRead_FirstMessageKept_SurvivesReuseOfScratchIndex()
    {
        byte[] stream = [.. s_first, .. s_second];
        var scratch = new SipMessageIndex();
        SipMessageReader.TryRead(stream, isStream: true, scratch, out var first, out _, out var consumed);

        SipMessageReader.TryRead(stream.AsSpan(consumed), isStream: true, scratch, out _, out _, out _);

        Assert.True(first!.IsRequest);
        Assert.Equal("1", first.CallId);
        Assert.Equal(2, first.Index.HeaderCount);
    }

    [Fact]
    public void TryParse_EveryTruncationOfStreamMessage_Incomplete()
    {
        var index = new SipMessageIndex();

        for (var length = 0; length < s_first.Length; length++)
        {
            var status = SipParser.TryParse(s_first.AsSpan(0, length), index, isStream: true, out _);

            Assert.True(status == SipParseStatus.Incomplete, $"length {length}: {status}");
        }
    }

    [Fact]
    public void TryParse_StreamWithoutContentLength_Invalid()
    {
        var bytes = SipTestData.Crlf("OPTIONS sip:a@example.com SIP/2.0\nCall-ID: 1\n\n");

        var status = SipParser.TryParse(bytes, new SipMessageIndex(), isStream: true, out var error);

        Assert.Equal(SipParseStatus.Invalid, status);
        Assert.Equal("Missing Content-Length on a stream transport", error);
    }

    [Fact]
    public void TryParse_StreamStartingWithBinary_NotSipWithoutWaiting()
    {
        byte[] bytes = [0x16, 0x03, 0x01, 0x00];

        var status = SipParser.TryParse(bytes, new SipMessageIndex(), isStream: true, out _);

        Assert.Equal(SipParseStatus.NotSip, status);
    }

    [Fact]
    public void TryParse_DatagramWithBytesBeyondContentLength_ExtraBytesIgnored()
    {
        var bytes = SipTestData.Crlf("MESSAGE sip:a@example.com SIP/2.0\nCall-ID: 1\nContent-Length: 5\n\nhello, and some trailing junk");
        var index = new SipMessageIndex();

        var status = SipParser.TryParse(bytes, index, isStream: false, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        Assert.Equal(5, index.BodyLength);
        Assert.Equal("hello", Encoding.ASCII.GetString(bytes.AsSpan(index.BodyOffset, index.BodyLength)));
        Assert.Equal(bytes.Length - 24, index.MessageLength);
    }

    [Fact]
    public void TryParse_DatagramWithoutContentLength_BodyIsTheRest()
    {
        var bytes = SipTestData.Crlf("MESSAGE sip:a@example.com SIP/2.0\nCall-ID: 1\n\nall of it");
        var index = new SipMessageIndex();

        var status = SipParser.TryParse(bytes, index, isStream: false, out _);

        Assert.Equal(SipParseStatus.Ok, status);
        Assert.Equal(-1, index.ContentLength);
        Assert.Equal(9, index.BodyLength);
    }

    [Fact]
    public void TryParse_DatagramContentLengthLargerThanBody_Invalid()
    {
        var bytes = SipTestData.Load("clerr.sip");

        var status = SipParser.TryParse(bytes, new SipMessageIndex(), isStream: false, out var error);

        Assert.Equal(SipParseStatus.Invalid, status);
        Assert.Equal("Content-Length exceeds the message body", error);
    }

    [Fact]
    public void TryParse_StreamContentLengthLargerThanBody_Incomplete()
    {
        var bytes = SipTestData.Load("clerr.sip");

        var status = SipParser.TryParse(bytes, new SipMessageIndex(), isStream: true, out _);

        Assert.Equal(SipParseStatus.Incomplete, status);
    }

    [Fact]
    public void TryParse_DatagramWithoutBlankLine_Invalid()
    {
        var bytes = SipTestData.Crlf("OPTIONS sip:a@example.com SIP/2.0\nCall-ID: 1\n");

        var status = SipParser.TryParse(bytes, new SipMessageIndex(), isStream: false, out var error);

        Assert.Equal(SipParseStatus.Invalid, status);
        Assert.Equal("Missing blank line after headers", error);
    }

    [Fact]
    public void TryRead_Datagram_MessageCopiesOnlyItsOwnBytes()
    {
        var bytes = SipTestData.Crlf("MESSAGE sip:a@example.com SIP/2.0\nCall-ID: 1\nContent-Length: 2\n\nhiXXXX");

        SipMessageReader.TryRead(bytes, out var message, out _);
        bytes.AsSpan().Clear();

        Assert.Equal(bytes.Length - 4, message!.Bytes.Length);
        Assert.Equal("hi", Encoding.ASCII.GetString(message.Body.Span));
        Assert.Equal("1", message.GetHeader(SipHeaderId.CallId));
    }
}

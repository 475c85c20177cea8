using System.Buffers;
using System.Globalization;
using System.Text;
using Inbox.Sip.Parsing;

namespace Inbox.Sip.Messages;

/// <summary>
/// Writes a new message straight into bytes: start line, headers in the order given, then Content-Length and
/// the body. <see cref="Build"/> indexes the result, so an outgoing message is the same type as a received one.
/// </summary>
internal sealed class SipMessageBuilder
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    private SipMessageBuilder()
    {
    }

    public static SipMessageBuilder Request(SipMethod method, string requestUri) =>
        Request(SipMethods.ToName(method), requestUri);

    public static SipMessageBuilder Request(string method, string requestUri)
    {
        var builder = new SipMessageBuilder();
        builder.WriteAscii(method).Write(" "u8).WriteUtf8(requestUri).Write(" SIP/2.0\r\n"u8);
        return builder;
    }

    public static SipMessageBuilder Response(int statusCode, string? reasonPhrase = null)
    {
        var builder = new SipMessageBuilder();
        builder.Write("SIP/2.0 "u8).WriteAscii(statusCode.ToString(CultureInfo.InvariantCulture)).Write(" "u8)
            .WriteUtf8(SanitizeReason(reasonPhrase ?? SipStatusCodes.ReasonPhrase(statusCode))).Write(Crlf);
        return builder;
    }

    public SipMessageBuilder Header(SipHeaderId id, string value) => Header(SipHeaderNames.Canonical(id), value);

    public SipMessageBuilder Header(SipHeaderId id, ReadOnlySpan<byte> value) =>
        Write(SipHeaderNames.Canonical(id)).Write(": "u8).Write(value).Write(Crlf);

    public SipMessageBuilder Header(string name, string value) => Header(Encoding.ASCII.GetBytes(name), value);

    public SipMessageBuilder Header(SipHeaderId id, long value) =>
        Header(SipHeaderNames.Canonical(id), value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Copies every line of a header from another message as it was written there.</summary>
    public SipMessageBuilder CopyHeaders(SipMessage source, SipHeaderId id)
    {
        var bytes = source.Bytes.Span;
        foreach (var entry in source.Index.Headers)
        {
            if (entry.Id == id)
            {
                Header(id, bytes[entry.Value]);
            }
        }

        return this;
    }

    /// <summary>Ends the headers, appends the body and returns the indexed message.</summary>
    public SipMessage Build(ReadOnlySpan<byte> body = default, string? contentType = null)
    {
        if (contentType is not null)
        {
            Header(SipHeaderId.ContentType, contentType);
        }

        Header(SipHeaderId.ContentLength, body.Length).Write(Crlf).Write(body);
        var bytes = _buffer.WrittenSpan.ToArray();
        var index = new SipMessageIndex();
        if (SipParser.TryParse(bytes, index, isStream: true, out var error) != SipParseStatus.Ok)
        {
            throw new InvalidOperationException($"The builder wrote an invalid message: {error}");
        }

        return index.IsRequest ? new SipRequest(bytes, index) : new SipResponse(bytes, index);
    }

    public SipRequest BuildRequest(ReadOnlySpan<byte> body = default, string? contentType = null) =>
        (SipRequest)Build(body, contentType);

    public SipResponse BuildResponse(ReadOnlySpan<byte> body = default, string? contentType = null) =>
        (SipResponse)Build(body, contentType);

    private SipMessageBuilder Header(ReadOnlySpan<byte> name, string value) =>
        Write(name).Write(": "u8).WriteUtf8(value).Write(Crlf);

    private SipMessageBuilder Write(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    private SipMessageBuilder WriteAscii(string text) => WriteUtf8(text);

    private SipMessageBuilder WriteUtf8(string text)
    {
        var span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _buffer.Advance(Encoding.UTF8.GetBytes(text, span));
        return this;
    }

    // A reason phrase is one line: control characters would let it inject headers.
    private static string SanitizeReason(string reason) =>
        reason.AsSpan().IndexOfAny('\r', '\n') < 0 ? reason : reason.Replace('\r', ' ').Replace('\n', ' ');
}

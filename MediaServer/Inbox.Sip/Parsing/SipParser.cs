using System.Buffers.Text;
using System.Text;
using Inbox.Sip.Messages;

namespace Inbox.Sip.Parsing;

/// <summary>
/// Indexes a SIP message in place (RFC 3261 §7): start line, every header line and the body. No strings are
/// created and nothing is allocated; typed views of the headers come later, and only for the headers used.
/// </summary>
internal static class SipParser
{
    private static ReadOnlySpan<byte> SipVersion => "SIP/2.0"u8;

    /// <summary>Indexes one message at the start of <paramref name="data"/>.</summary>
    /// <param name="data">A datagram, or the unread bytes of a stream.</param>
    /// <param name="index">Reset and filled with the message's layout.</param>
    /// <param name="isStream">
    /// On a stream, Content-Length is mandatory and frames the body (RFC 3261 §18.3) and a short read is
    /// <see cref="SipParseStatus.Incomplete"/>; in a datagram a missing Content-Length means "the rest".
    /// </param>
    /// <param name="error">A short reason phrase naming the problem, when the status is not Ok.</param>
    public static SipParseStatus TryParse(ReadOnlySpan<byte> data, SipMessageIndex index, bool isStream, out string? error)
    {
        index.Reset();
        error = null;

        var lineEnd = data.IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            return isStream && data.Length < 4096 && LooksLikeSipPrefix(data) ? SipParseStatus.Incomplete : NotSip(out error);
        }

        var startLine = TrimCarriageReturn(data[..lineEnd]);
        var startLineStatus = ParseStartLine(startLine, index, out error);
        // A request in another SIP version is still indexed, so that it can be answered with 505.
        if (startLineStatus != SipParseStatus.Ok && !(startLineStatus == SipParseStatus.UnsupportedVersion && index.IsRequest))
        {
            return startLineStatus;
        }

        var position = lineEnd + 1;
        while (true)
        {
            var rest = data[position..];
            var next = rest.IndexOf((byte)'\n');
            if (next < 0)
            {
                return isStream ? SipParseStatus.Incomplete : Invalid("Missing blank line after headers", out error);
            }

            var line = TrimCarriageReturn(rest[..next]);
            if (line.IsEmpty)
            {
                position += next + 1;
                break;
            }

            // A header may continue on lines that start with whitespace (RFC 3261 §7.3.1, line folding).
            var lineLength = next;
            var folded = false;
            while (position + lineLength + 1 < data.Length && IsWhitespace(data[position + lineLength + 1]))
            {
                var continuation = data[(position + lineLength + 1)..].IndexOf((byte)'\n');
                if (continuation < 0)
                {
                    return isStream ? SipParseStatus.Incomplete : Invalid("Missing blank line after headers", out error);
                }

                lineLength += continuation + 1;
                folded = true;
            }

            if (!TryAddHeader(data, position, TrimCarriageReturn(data.Slice(position, lineLength)).Length, folded, index, out var headerError))
            {
                error = headerError;
                return SipParseStatus.Invalid;
            }

            position += lineLength + 1;
        }

        index.BodyOffset = position;
        var available = data.Length - position;
        if (index.ContentLength < 0)
        {
            if (isStream)
            {
                return Invalid("Missing Content-Length on a stream transport", out error);
            }

            index.BodyLength = available;
        }
        else if (index.ContentLength > available)
        {
            // A datagram cannot grow: a body shorter than Content-Length is malformed (RFC 3261 §18.3).
            return isStream ? SipParseStatus.Incomplete : Invalid("Content-Length exceeds the message body", out error);
        }
        else
        {
            index.BodyLength = index.ContentLength;
        }

        return startLineStatus;
    }

    private static SipParseStatus ParseStartLine(ReadOnlySpan<byte> line, SipMessageIndex index, out string? error)
    {
        error = null;
        var firstSpace = line.IndexOf((byte)' ');
        if (firstSpace <= 0)
        {
            return NotSip(out error);
        }

        if (line.StartsWith("SIP/"u8))
        {
            return ParseStatusLine(line, firstSpace, index, out error);
        }

        var lastSpace = line.LastIndexOf((byte)' ');
        if (lastSpace == firstSpace)
        {
            return LooksLikeVersion(line[(firstSpace + 1)..]) ? Invalid("Malformed request line", out error) : NotSip(out error);
        }

        var version = line[(lastSpace + 1)..];
        if (!LooksLikeVersion(version))
        {
            // "INVITE sip:a@b SIP/2.0 " (RFC 4475 §3.1.2.9, "trws") is SIP with a bad request line: answer 400.
            var trimmed = line.TrimEnd(" \t"u8);
            return LooksLikeVersion(trimmed[(trimmed.LastIndexOf((byte)' ') + 1)..])
                ? Invalid("Malformed request line", out error)
                : NotSip(out error);
        }

        var method = line[..firstSpace];
        var uri = line[(firstSpace + 1)..lastSpace];
        if (!SipSyntax.IsToken(method))
        {
            return Invalid("Malformed method", out error);
        }

        if (uri.IsEmpty || uri.IndexOfAny((byte)' ', (byte)'\t') >= 0 || uri.IndexOf((byte)':') <= 0)
        {
            return Invalid("Malformed Request-URI", out error);
        }

        index.IsRequest = true;
        index.Method = SipMethods.Parse(method);
        index.MethodName = new Range(0, firstSpace);
        index.RequestUri = new Range(firstSpace + 1, lastSpace);
        if (!version.SequenceEqual(SipVersion))
        {
            error = "SIP Version Not Supported";
            return SipParseStatus.UnsupportedVersion;
        }

        return SipParseStatus.Ok;
    }

    private static SipParseStatus ParseStatusLine(ReadOnlySpan<byte> line, int firstSpace, SipMessageIndex index, out string? error)
    {
        error = null;
        if (!line[..firstSpace].SequenceEqual(SipVersion))
        {
            return LooksLikeVersion(line[..firstSpace]) ? Invalid("SIP Version Not Supported", out error) : NotSip(out error);
        }

        var rest = line[(firstSpace + 1)..];
        if (rest.Length < 3 || (rest.Length > 3 && rest[3] != ' ')
            || !Utf8Parser.TryParse(rest[..3], out int code, out var consumed) || consumed != 3 || code is < 100 or > 699)
        {
            return Invalid("Malformed status line", out error);
        }

        index.StatusCode = code;
        var reasonStart = firstSpace + 1 + Math.Min(4, rest.Length);
        index.ReasonPhrase = new Range(reasonStart, line.Length);
        return SipParseStatus.Ok;
    }

    private static bool TryAddHeader(ReadOnlySpan<byte> data, int lineOffset, int lineLength, bool folded, SipMessageIndex index, out string? error)
    {
        error = null;
        var line = data.Slice(lineOffset, lineLength);
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            error = "Malformed header line";
            return false;
        }

        // RFC 3261 §7.3.1 allows whitespace between the name and the colon.
        var name = line[..colon].TrimEnd(" \t"u8);
        if (!SipSyntax.IsToken(name))
        {
            error = "Malformed header name";
            return false;
        }

        var valueStart = colon + 1;
        var value = line[valueStart..];
        var leading = value.Length - value.TrimStart(" \t\r\n"u8).Length;
        value = value.Trim(" \t\r\n"u8);
        var id = SipHeaderNames.Lookup(name);
        if (id == SipHeaderId.ContentLength && !TryReadContentLength(value, index, out error))
        {
            return false;
        }

        var entry = new SipHeaderEntry(id, lineOffset, name.Length, lineOffset + valueStart + leading, value.Length, folded);
        if (!index.TryAdd(entry))
        {
            error = "Too many headers";
            return false;
        }

        index.HasFoldedLines |= folded;
        return true;
    }

    private static bool TryReadContentLength(ReadOnlySpan<byte> value, SipMessageIndex index, out string? error)
    {
        error = null;
        if (!Utf8Parser.TryParse(value, out int length, out var consumed) || consumed != value.Length || length < 0)
        {
            error = "Malformed Content-Length";
            return false;
        }

        if (index.ContentLength >= 0 && index.ContentLength != length)
        {
            error = "Conflicting Content-Length headers";
            return false;
        }

        index.ContentLength = length;
        return true;
    }

    private static bool LooksLikeVersion(ReadOnlySpan<byte> token) =>
        token.Length >= 5 && Ascii.EqualsIgnoreCase(token[..4], "SIP/"u8);

    // A stream that has not yet delivered a whole start line: keep reading only if it could still be SIP.
    private static bool LooksLikeSipPrefix(ReadOnlySpan<byte> data) => data.IsEmpty || SipSyntax.IsTokenChar(data[0]);

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        !line.IsEmpty && line[^1] == '\r' ? line[..^1] : line;

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t';

    private static SipParseStatus Invalid(string reason, out string? error)
    {
        error = reason;
        return SipParseStatus.Invalid;
    }

    private static SipParseStatus NotSip(out string? error)
    {
        error = "Not a SIP message";
        return SipParseStatus.NotSip;
    }
}

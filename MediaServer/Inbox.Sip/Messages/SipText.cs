using System.Text;

namespace Inbox.Sip.Messages;

/// <summary>Helpers for the text productions of RFC 3261 §25.1 once a header value is a string.</summary>
internal static class SipText
{
    public static int SkipWhitespace(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\r' or '\n')
        {
            position++;
        }

        return position;
    }

    public static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';

    // Parameter names and values are tokens; values may also be IPv6 references or URI characters.
    public static bool IsParameterChar(char c) => IsTokenChar(c);

    public static bool IsParameterValueChar(char c) =>
        IsTokenChar(c) || c is '[' or ']' or ':' or '/' or '@' or '&' or '$' or '?';

    /// <summary>Index just past the closing quote of the quoted string starting at <paramref name="start"/>, or -1.</summary>
    public static int EndOfQuotedString(ReadOnlySpan<char> text, int start)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>The content of a quoted string with its quoted-pairs resolved (RFC 3261 §25.1).</summary>
    public static string Unquote(ReadOnlySpan<char> quoted)
    {
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[^1] != '"')
        {
            return quoted.ToString();
        }

        var inner = quoted[1..^1];
        if (inner.IndexOf('\\') < 0)
        {
            return inner.ToString();
        }

        var builder = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            builder.Append(inner[i]);
        }

        return builder.ToString();
    }

    public static string Quote(string value)
    {
        if (value.AsSpan().IndexOfAny('"', '\\') < 0)
        {
            return string.Concat("\"", value, "\"");
        }

        var builder = new StringBuilder(value.Length + 4).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// Splits a list header value on the commas that separate elements (RFC 3261 §7.3.1), ignoring commas
    /// inside quoted strings and angle brackets.
    /// </summary>
    public static List<string> SplitList(string value)
    {
        var parts = new List<string>(1);

        // Most header lines carry a single value: no comma, nothing to split (see SipParserBenchmarks.ReadInvite).
        if (!value.Contains(',', StringComparison.Ordinal))
        {
            // Header values arrive trimmed from the parser: keep the string instead of copying it.
            if (value.Length > 0 && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1]))
            {
                parts.Add(value);
            }
            else
            {
                AddTrimmed(parts, value);
            }

            return parts;
        }

        var start = 0;
        var angle = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"')
            {
                var end = EndOfQuotedString(value, i);
                if (end < 0)
                {
                    break;
                }

                i = end - 1;
            }
            else if (c == '<')
            {
                angle = true;
            }
            else if (c == '>')
            {
                angle = false;
            }
            else if (c == ',' && !angle)
            {
                AddTrimmed(parts, value.AsSpan(start, i - start));
                start = i + 1;
            }
        }

        AddTrimmed(parts, value.AsSpan(start));
        return parts;
    }

    /// <summary>Resolves %HH escapes (RFC 3261 §19.1.2); malformed escapes are kept literally.</summary>
    public static string Unescape(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                bytes.Add((byte)Convert.ToInt32(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static void AddTrimmed(List<string> parts, ReadOnlySpan<char> part)
    {
        part = part.Trim();
        if (!part.IsEmpty)
        {
            parts.Add(part.ToString());
        }
    }
}

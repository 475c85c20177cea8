using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Inbox.Sip.Messages;

/// <summary>A SIP, SIPS (RFC 3261 §19.1) or TEL (RFC 3966) URI.</summary>
internal sealed class SipUri
{
    public SipUri(string scheme, string? user, string host, int? port = null)
    {
        Scheme = scheme;
        User = user;
        Host = host;
        Port = port;
    }

    /// <summary>Lower-case scheme: <c>sip</c>, <c>sips</c> or <c>tel</c>.</summary>
    public string Scheme { get; }

    /// <summary>The user part with escapes resolved, or the telephone number of a TEL URI.</summary>
    public string? User { get; }

    public string? Password { get; private init; }

    /// <summary>The host as written; IPv6 references keep their brackets. Empty for TEL URIs.</summary>
    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; private init; } = new();

    /// <summary>The raw <c>?name=value&amp;...</c> part without the question mark, if any.</summary>
    public string? Headers { get; private init; }

    public bool IsTel => Scheme == "tel";

    public bool IsSecure => Scheme == "sips";

    public string? Transport => Parameters["transport"];

    /// <summary>The address-of-record form (RFC 3261 §10.3): scheme, user and host, lower-cased host.</summary>
    public string AddressOfRecord => IsTel
        ? $"tel:{User}"
        : $"{Scheme}:{(User is null ? string.Empty : User + "@")}{Host.ToLowerInvariant()}";

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        text = text.Trim();
        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var scheme = text[..colon];
        var rest = text[(colon + 1)..];
        if (scheme.Equals("sip", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseSip("sip", rest, out uri);
        }

        if (scheme.Equals("sips", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseSip("sips", rest, out uri);
        }

        return scheme.Equals("tel", StringComparison.OrdinalIgnoreCase) && TryParseTel(rest, out uri);
    }

    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri : throw new FormatException($"'{text}' is not a SIP URI.");

    public SipUri WithParameter(string name, string? value)
    {
        var parameters = Parameters.Clone();
        parameters.Set(name, value);
        return new SipUri(Scheme, User, Host, Port) { Password = Password, Parameters = parameters, Headers = Headers };
    }

    /// <summary>
    /// This URI as a Request-URI may carry it (RFC 3261 §19.1.1 table 1): without the <c>method</c> parameter and
    /// without headers. Returns this instance when there is nothing to strip.
    /// </summary>
    public SipUri ToRequestUri()
    {
        if (Headers is null && !Parameters.Contains("method"))
        {
            return this;
        }

        var parameters = Parameters.Clone();
        parameters.Remove("method");
        return new SipUri(Scheme, User, Host, Port) { Password = Password, Parameters = parameters };
    }

    public override string ToString()
    {
        var builder = new StringBuilder(64).Append(Scheme).Append(':');
        if (IsTel)
        {
            builder.Append(User);
        }
        else
        {
            if (User is not null)
            {
                builder.Append(Escape(User));
                if (Password is not null)
                {
                    builder.Append(':').Append(Password);
                }

                builder.Append('@');
            }

            builder.Append(Host);
            if (Port is { } port)
            {
                builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
            }
        }

        Parameters.AppendTo(builder);
        if (Headers is not null)
        {
            builder.Append('?').Append(Headers);
        }

        return builder.ToString();
    }

    private static bool TryParseSip(string scheme, ReadOnlySpan<char> rest, out SipUri? uri)
    {
        uri = null;

        // '@' cannot appear unescaped in user, password, parameters or headers, so the first one ends the userinfo.
        // It is found before '?', which user-unreserved allows in the user part (RFC 4475 §3.1.1.2, "intmeth").
        string? user = null;
        string? password = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            var passwordColon = userInfo.IndexOf(':');
            var userPart = passwordColon < 0 ? userInfo : userInfo[..passwordColon];
            if (userPart.IsEmpty || userPart.IndexOfAny(" \t<>\"") >= 0)
            {
                return false;
            }

            user = SipText.Unescape(userPart.ToString());
            password = passwordColon < 0 ? null : userInfo[(passwordColon + 1)..].ToString();
            rest = rest[(at + 1)..];
        }

        string? headers = null;
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            headers = rest[(question + 1)..].ToString();
            rest = rest[..question];
        }

        if (!TryParseHostPort(rest, out var host, out var port, out var consumed))
        {
            return false;
        }

        var parameters = new SipParameters();
        if (!SipParameters.TryParse(rest[consumed..], ';', parameters, out var parameterLength)
            || consumed + parameterLength != rest.Length)
        {
            return false;
        }

        uri = new SipUri(scheme, user, host, port) { Password = password, Parameters = parameters, Headers = headers };
        return true;
    }

    private static bool TryParseHostPort(ReadOnlySpan<char> text, out string host, out int? port, out int consumed)
    {
        host = string.Empty;
        port = null;
        int end;
        if (text.StartsWith("["))
        {
            end = text.IndexOf(']') + 1;
            if (end <= 0 || !System.Net.IPAddress.TryParse(text[1..(end - 1)], out _))
            {
                consumed = 0;
                return false;
            }
        }
        else
        {
            end = 0;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '.' or '_'))
            {
                end++;
            }

            if (end == 0)
            {
                consumed = 0;
                return false;
            }
        }

        host = text[..end].ToString();
        consumed = end;
        if (end < text.Length && text[end] == ':')
        {
            var digits = end + 1;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                digits++;
            }

            if (!int.TryParse(text[(end + 1)..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 65535)
            {
                return false;
            }

            port = value;
            consumed = digits;
        }

        return true;
    }

    private static bool TryParseTel(ReadOnlySpan<char> rest, out SipUri? uri)
    {
        uri = null;
        var semicolon = rest.IndexOf(';');
        var number = semicolon < 0 ? rest : rest[..semicolon];
        if (number.IsEmpty || number.IndexOfAnyExcept(s_telChars) >= 0)
        {
            return false;
        }

        var parameters = new SipParameters();
        if (semicolon >= 0 && (!SipParameters.TryParse(rest[semicolon..], ';', parameters, out var length) || semicolon + length != rest.Length))
        {
            return false;
        }

        uri = new SipUri("tel", number.ToString(), string.Empty) { Parameters = parameters };
        return true;
    }

    // RFC 3261 §25.1: user = 1*( unreserved / escaped / user-unreserved ).
    private static string Escape(string user)
    {
        if (user.AsSpan().IndexOfAnyExcept(s_userChars) < 0)
        {
            return user;
        }

        var builder = new StringBuilder(user.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(user))
        {
            var c = (char)b;
            if (b < 128 && s_userChars.Contains(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> s_telChars = System.Buffers.SearchValues.Create("+0123456789-.()*#ABCDabcdpwPW");

    private static readonly System.Buffers.SearchValues<char> s_userChars = System.Buffers.SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()&=+$,;?/");
}

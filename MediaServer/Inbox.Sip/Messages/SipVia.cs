using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Inbox.Sip.Messages;

/// <summary>One Via value (RFC 3261 §20.42): <c>SIP/2.0/UDP host:port;branch=z9hG4bK...;rport</c>.</summary>
internal sealed class SipVia
{
    /// <summary>The RFC 3261 branch prefix; a branch without it comes from an RFC 2543 element (§8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    public SipVia(string transport, string host, int? port, SipParameters? parameters = null)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters ?? new SipParameters();
    }

    /// <summary>Upper-case transport: UDP, TCP, TLS, SCTP, WS or WSS.</summary>
    public string Transport { get; }

    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; }

    public string? Branch => Parameters["branch"];

    public string? Received => Parameters["received"];

    /// <summary>The rport value filled in by the server; null when absent or empty (RFC 3581 §4).</summary>
    public int? RPort => int.TryParse(Parameters["rport"], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;

    public bool HasRPort => Parameters.Contains("rport");

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipVia? via)
    {
        via = null;
        var position = 0;
        if (!TryReadProtocolPart(text, ref position, "SIP") || !TryReadSlash(text, ref position)
            || !TryReadProtocolPart(text, ref position, "2.0") || !TryReadSlash(text, ref position))
        {
            return false;
        }

        position = SipText.SkipWhitespace(text, position);
        var transportStart = position;
        while (position < text.Length && SipText.IsTokenChar(text[position]))
        {
            position++;
        }

        if (position == transportStart)
        {
            return false;
        }

        var transport = TransportName(text[transportStart..position]);
        var afterTransport = position;
        position = SipText.SkipWhitespace(text, position);
        if (position == afterTransport || position >= text.Length)
        {
            return false;
        }

        if (!TryReadHost(text, ref position, out var host, out var port))
        {
            return false;
        }

        var parameters = new SipParameters();
        if (!SipParameters.TryParse(text[position..], ';', parameters, out var consumed)
            || SipText.SkipWhitespace(text, position + consumed) != text.Length)
        {
            return false;
        }

        via = new SipVia(transport, host, port, parameters);
        return true;
    }

    public override string ToString()
    {
        var builder = new StringBuilder(64).Append("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendTo(builder);
        return builder.ToString();
    }

    // The common transports map to shared strings rather than a new upper-cased copy per Via.
    private static string TransportName(ReadOnlySpan<char> token)
    {
        foreach (var known in (ReadOnlySpan<string>)["UDP", "TCP", "TLS", "WS", "WSS", "SCTP"])
        {
            if (token.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return token.ToString().ToUpperInvariant();
    }

    private static bool TryReadProtocolPart(ReadOnlySpan<char> text, ref int position, string expected)
    {
        position = SipText.SkipWhitespace(text, position);
        if (!text[position..].StartsWith(expected, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        position += expected.Length;
        return true;
    }

    private static bool TryReadSlash(ReadOnlySpan<char> text, ref int position)
    {
        position = SipText.SkipWhitespace(text, position);
        if (position >= text.Length || text[position] != '/')
        {
            return false;
        }

        position++;
        return true;
    }

    private static bool TryReadHost(ReadOnlySpan<char> text, ref int position, out string host, out int? port)
    {
        host = string.Empty;
        port = null;
        var start = position;
        if (text[position] == '[')
        {
            var close = text[position..].IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            position += close + 1;
        }
        else
        {
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '-' or '.' or '_'))
            {
                position++;
            }
        }

        if (position == start)
        {
            return false;
        }

        host = text[start..position].ToString();
        var beforeColon = position;
        position = SipText.SkipWhitespace(text, position);
        if (position < text.Length && text[position] == ':')
        {
            position = SipText.SkipWhitespace(text, position + 1);
            var digitsStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (!int.TryParse(text[digitsStart..position], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 65535)
            {
                return false;
            }

            port = value;
        }
        else
        {
            position = beforeColon;
        }

        return true;
    }
}

using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Inbox.Sip.Transport;

namespace Inbox.Telephony.Trunks;

/// <summary>A configured trunk, compiled from <see cref="TrunkOptions"/>. Immutable; thread-safe.</summary>
internal sealed record Trunk(
    string Id, string Host, int Port, SipTransportProtocol Transport, string? Username, string? Password, string FromUser, string? FromName,
    ImmutableArray<Regex> Numbers, ImmutableArray<DialRule> DialRules)
{
    public const int DefaultPort = 5060;

    public static Trunk Create(TrunkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!TryParseAddress(options.Address, out var host, out var port))
        {
            throw new ArgumentException($"'{options.Address}' is not host[:port].", nameof(options));
        }

        return new Trunk(
            options.Id, host, port, options.Transport, options.Username, options.Password,
            options.FromUser ?? options.Username ?? "inbox", options.FromName,
            [.. options.Numbers.Select(DialRule.Pattern)], [.. options.DialRules.Select(DialRule.Create)]);
    }

    /// <summary>Splits <c>host[:port]</c>; an IPv6 address goes in brackets (<c>[2001:db8::1]:5070</c>) as in a SIP URI.</summary>
    public static bool TryParseAddress(string? address, out string host, out int port)
    {
        host = string.Empty;
        port = DefaultPort;
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }

        var text = address.Trim();
        var portText = string.Empty;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                return false;
            }

            host = text[1..close];
            portText = close + 1 < text.Length ? text[(close + 2)..] : string.Empty;
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? text : text[..colon];
            portText = colon < 0 ? string.Empty : text[(colon + 1)..];
        }

        if (host.Length == 0 || host.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        return portText.Length == 0
            || (int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535);
    }

    /// <summary>True when the trunk may dial <paramref name="number"/>: no patterns, or one matches.</summary>
    public bool Dials(string number) => Numbers.IsEmpty || Numbers.Any(n => n.IsMatch(number));

    /// <summary>The host part of SIP URIs towards the trunk (IPv6 in brackets).</summary>
    public string UriHost => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
}

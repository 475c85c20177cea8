using Inbox.Sip.Transport;

namespace Inbox.Telephony.Trunks;

/// <summary>A SIP trunk outbound calls go through (an entry of <c>Telephony:Trunks</c>). Read once at start.</summary>
internal sealed class TrunkOptions
{
    /// <summary>Unique id that <c>Telephony:Campaigns:N:Trunks</c> refers to. Required.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The trunk's SIP server as <c>host[:port]</c> (an IP address or a name; IPv6 in brackets). Port default 5060. Required.</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>Transport towards the trunk. Default UDP.</summary>
    public SipTransportProtocol Transport { get; set; } = SipTransportProtocol.Udp;

    /// <summary>Digest user name for a trunk that challenges (401/407). Default none: a challenge fails the call.</summary>
    public string? Username { get; set; }

    /// <summary>Digest password; required with <see cref="Username"/>.</summary>
    public string? Password { get; set; }

    /// <summary>The user part of our From, i.e. the caller id the trunk presents. Default <see cref="Username"/>, else "inbox".</summary>
    public string? FromUser { get; set; }

    /// <summary>Display name in our From. Default none.</summary>
    public string? FromName { get; set; }

    /// <summary>
    /// Regular expressions for the numbers (after <c>Telephony:DialRules</c>) this trunk may dial, e.g. <c>^\+34</c>.
    /// Default none: any number.
    /// </summary>
    public List<string> Numbers { get; set; } = [];

    /// <summary>Rewrites for this trunk's Request-URI once it is chosen, e.g. <c>+</c> to <c>00</c>. Default none.</summary>
    public List<DialRuleOptions> DialRules { get; set; } = [];
}

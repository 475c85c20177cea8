using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Routing;

/// <summary>Call settings (configuration section <c>Telephony</c>): inbound numbers, outbound trunks. Read once at start.</summary>
internal sealed class TelephonyOptions
{
    public const string SectionName = "Telephony";

    /// <summary>Numbers that route to campaigns. Default none: every INVITE gets 404.</summary>
    public List<TelephonyNumberOptions> Numbers { get; set; } = [];

    /// <summary>
    /// The IP address our RTP sockets bind to and that our SDP names in <c>c=</c>. Default "127.0.0.1"; set the
    /// address callers can reach.
    /// </summary>
    public string MediaAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// How long a call rings (180) before it is answered into the queue's hold music, counted from the INVITE.
    /// Default 0: answered as soon as the inbox has filed it.
    /// </summary>
    public TimeSpan RingTime { get; set; }

    /// <summary>The park lot: its slots and how long a call waits there before ringing back.</summary>
    public Calls.ParkOptions Park { get; set; } = new();

    /// <summary>
    /// The session interval we ask for and grant (RFC 4028 Session-Expires): a call whose dialog is not refreshed
    /// within it is hung up. Default 30 minutes; at least <see cref="MinSessionExpires"/>.
    /// </summary>
    public TimeSpan SessionExpires { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The shortest session interval we accept (RFC 4028 Min-SE): an INVITE asking for less gets 422. Default 90 s,
    /// the RFC's floor.
    /// </summary>
    public TimeSpan MinSessionExpires { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long a leg may send no RTP before the call is hung up (a phone or caller that vanished without BYE). A leg on
    /// hold by SDP is exempt. Default 60 s; 0 disables.
    /// </summary>
    public TimeSpan RtpTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Trunks for outbound calls. Default none: no campaign can place calls.</summary>
    public List<TrunkOptions> Trunks { get; set; } = [];

    /// <summary>Rewrites of what agents dial before a trunk is chosen, e.g. <c>00</c> → <c>+</c>. Default none.</summary>
    public List<DialRuleOptions> DialRules { get; set; } = [];

    /// <summary>Which trunks each campaign's outbound calls use. Default none.</summary>
    public List<CampaignTrunksOptions> Campaigns { get; set; } = [];

    /// <summary>How long an outbound call may ring before it is cancelled as "no answer". Default 60 s.</summary>
    public TimeSpan DialTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

namespace Inbox.Telephony.Routing;

/// <summary>Inbound call settings (configuration section <c>Telephony</c>). Read once at start.</summary>
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
}

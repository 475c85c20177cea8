using Inbox.Media.Sdp;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;

namespace Inbox.Telephony.Legs;

/// <summary>
/// An answered leg's SIP session, the caller's dialog or the agent phone's: the dialog and the flow that reaches the
/// peer, our SDP (its o= version goes up only when it changes, RFC 3264 §8), what the peer last declared, the
/// re-INVITEs in progress either way (RFC 3261 §14) and the session timer (RFC 4028). Not thread-safe: touched only on
/// the executor of the caller's Call-ID.
/// </summary>
internal sealed class LegSession(SipDialog dialog, SipEndPoint destination, string contact, MediaLeg media)
{
    public SipDialog Dialog { get; } = dialog;

    /// <summary>Where our requests go: the flow the peer's INVITE came from, or the phone's registered flow.</summary>
    public SipEndPoint Destination { get; } = destination;

    /// <summary>Our Contact, for our re-INVITEs and our 2xx to the peer's (both target refreshes, RFC 3261 §12.2).</summary>
    public string Contact { get; } = contact;

    public MediaLeg Media { get; } = media;

    /// <summary>The SDP we last gave the peer.</summary>
    public byte[] LocalSdp { get; set; } = media.LocalSdp;

    /// <summary>What the peer last declared: anything but sendrecv is hold (RFC 3264 §8.4).</summary>
    public SdpDirection RemoteDirection { get; set; } = media.Media.RemoteDirection;

    /// <summary>The peer's RTP address from its last SDP; a re-INVITE that changes it moves our stream.</summary>
    public (string Address, int Port) RemoteRtp { get; set; } = (media.Media.RemoteAddress.Address, media.Media.RemotePort);

    /// <summary>Our 2xx to the peer's last INVITE until its ACK.</summary>
    public PendingAnswer? Incoming { get; set; }

    /// <summary>Our re-INVITE (a session refresh) until its final response.</summary>
    public SipClientTransaction? Outgoing { get; set; }

    /// <summary>Our ACK for the 2xx to our last re-INVITE, resent when the 2xx is.</summary>
    public SipRequest? OutgoingAck { get; set; }

    /// <summary>The session interval (RFC 4028); zero when the leg has no session timer.</summary>
    public TimeSpan Interval { get; set; }

    /// <summary>
    /// The Min-SE our refreshes carry when a 422 (to the INVITE or to a refresh) raised it above ours: refreshes keep
    /// the dialog's (RFC 4028 §7.4) and never ask for less; null while ours holds.
    /// </summary>
    public TimeSpan? Minimum { get; set; }

    /// <summary>True when we refresh the session; else the peer must, and the session expires without it.</summary>
    public bool WeRefresh { get; set; }

    /// <summary>When the session was last refreshed (a <see cref="TimeProvider"/> timestamp).</summary>
    public long RefreshedAt { get; set; }

    /// <summary>The refresh or expiry timer; <see cref="TimerGeneration"/> tells a stale firing from the current one.</summary>
    public ITimer? Timer { get; set; }

    public int TimerGeneration { get; set; }

    /// <summary>True when <paramref name="request"/> belongs to this dialog (§12.2.2: our tag in To, the peer's in From).</summary>
    public bool Owns(SipRequest request) =>
        request.CallId == Dialog.Id.CallId
        && string.Equals(request.To.Tag, Dialog.Id.LocalTag, StringComparison.Ordinal)
        && string.Equals(request.From.Tag ?? string.Empty, Dialog.Id.RemoteTag, StringComparison.Ordinal);

    /// <summary>Stops every timer; the dialog is over.</summary>
    public void Close()
    {
        Incoming?.Stop();
        Timer?.Dispose();
        Timer = null;
        TimerGeneration++;
    }
}

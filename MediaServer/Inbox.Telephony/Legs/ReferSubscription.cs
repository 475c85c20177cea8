using Inbox.Sip.Messages;

namespace Inbox.Telephony.Legs;

/// <summary>
/// The implicit subscription a REFER creates (RFC 3515 §2.4.4) in the agent leg's dialog: the server NOTIFYs the
/// transfer's progress as message/sipfrag until the final status terminates it.
/// </summary>
internal sealed class ReferSubscription(OutgoingLeg leg, SipNameAddress referTo, string? referredBy, long sequence)
{
    /// <summary>The agent's leg the REFER came in; its dialog carries the NOTIFYs.</summary>
    public OutgoingLeg Leg { get; } = leg;

    public SipNameAddress ReferTo { get; } = referTo;

    /// <summary>Who asked, when the phone said (RFC 3892); kept for the log.</summary>
    public string? ReferredBy { get; } = referredBy;

    /// <summary>The REFER's CSeq: the <c>id</c> of the NOTIFYs' Event header (RFC 3515 §2.4.6).</summary>
    public long Sequence { get; } = sequence;

    /// <summary>The final NOTIFY went out: nothing more is sent.</summary>
    public bool Terminated { get; set; }
}

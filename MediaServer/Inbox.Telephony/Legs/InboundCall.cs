using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A call the customer made to one of the campaigns' numbers: her INVITE transaction, our To tag (the dialog's local
/// tag), her media leg, and the 2xx retransmission until her ACK.
/// </summary>
internal sealed class InboundCall(SipRequest invite, SipServerTransaction transaction, string localTag, string campaignId, MediaLeg leg)
    : TelephonyCall(campaignId)
{
    public override string CallId => Invite.CallId;

    public override MediaLeg CustomerMedia => Leg;

    public override string CustomerAddress => Invite.From.Uri.User ?? Invite.From.Uri.Host;

    public override bool IsEnded => State == InboundCallState.Ended;

    public override (string User, string? Name) ShownToPhones => (Invite.From.Uri.User ?? "anonymous", Invite.From.DisplayName);

    public SipRequest Invite { get; } = invite;

    public SipServerTransaction Transaction { get; } = transaction;

    /// <summary>The To tag of our responses; in-dialog requests from the caller carry it.</summary>
    public string LocalTag { get; } = localTag;

    public MediaLeg Leg { get; } = leg;

    public InboundCallState State { get; set; } = InboundCallState.Ringing;

    /// <summary>The caller's dialog once answered, for our BYE when the agent hangs up.</summary>
    public SipDialog? Dialog { get; set; }

    /// <summary>Our 200 OK, retransmitted until the ACK comes (RFC 3261 §13.3.1.4).</summary>
    public PendingAnswer? Pending { get; set; }

    /// <summary>The caller's session once answered: re-INVITEs and the session timer.</summary>
    public LegSession? Session { get; set; }

    /// <summary>The session timer granted to her INVITE, applied when it is answered (RFC 4028 §9).</summary>
    public SessionExpires SessionTimer { get; init; }

    /// <summary>The ring timer while ringing.</summary>
    public ITimer? Timer { get; set; }

    /// <summary>When the INVITE arrived (a <see cref="TimeProvider"/> timestamp).</summary>
    public long ArrivedAt { get; init; }

    /// <summary>True when this request (BYE, re-INVITE) belongs to this call's dialog: same Call-ID and our To tag.</summary>
    public bool Owns(SipRequest request) => string.Equals(request.To.Tag, LocalTag, StringComparison.Ordinal);
}

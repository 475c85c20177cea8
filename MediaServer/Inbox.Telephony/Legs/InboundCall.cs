using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// One caller's leg: the INVITE transaction, our To tag (the dialog's local tag), the media leg and the interaction
/// it is queued as. Not thread-safe: touched only on the SIP executor that owns its Call-ID.
/// </summary>
internal sealed class InboundCall(SipRequest invite, SipServerTransaction transaction, string localTag, string campaignId, MediaLeg leg)
{
    public string CallId => Invite.CallId;

    public SipRequest Invite { get; } = invite;

    public SipServerTransaction Transaction { get; } = transaction;

    /// <summary>The To tag of our responses; in-dialog requests from the caller carry it.</summary>
    public string LocalTag { get; } = localTag;

    public string CampaignId { get; } = campaignId;

    public MediaLeg Leg { get; } = leg;

    public InboundCallState State { get; set; } = InboundCallState.Ringing;

    /// <summary>The pending interaction, once the inbox has filed it.</summary>
    public string? InteractionId { get; set; }

    /// <summary>The call to the agent's phone(s) for the current offer, if any.</summary>
    public AgentLeg? Agent { get; set; }

    /// <summary>The media between the caller and the agent's phone, once she has answered and accepted.</summary>
    public CallBridge? Bridge { get; set; }

    /// <summary>The agent muted herself: the caller hears silence instead of her.</summary>
    public bool Muted { get; set; }

    /// <summary>The agent put the caller on hold from her UI.</summary>
    public bool OnHold { get; set; }

    /// <summary>The agent's phone put the call on hold (re-INVITE with sendonly or inactive).</summary>
    public bool HeldByPhone { get; set; }

    /// <summary>When the INVITE arrived, as the agents' UIs show it.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the caller was first connected to an agent.</summary>
    public DateTimeOffset? ConnectedAt { get; set; }

    /// <summary>The caller's dialog once answered, for our BYE when the agent hangs up.</summary>
    public SipDialog? Dialog { get; set; }

    /// <summary>Our 200 OK, retransmitted until the ACK comes (RFC 3261 §13.3.1.4).</summary>
    public SipResponse? Ok { get; set; }

    /// <summary>The ring timer while ringing, the 2xx retransmission timer while <see cref="InboundCallState.Answered"/>.</summary>
    public ITimer? Timer { get; set; }

    /// <summary>When the INVITE arrived (a <see cref="TimeProvider"/> timestamp).</summary>
    public long ArrivedAt { get; init; }

    /// <summary>The current retransmission interval: T1, doubling up to T2.</summary>
    public TimeSpan OkInterval { get; set; }

    /// <summary>When the 200 was sent; without an ACK 64·T1 later the call ends.</summary>
    public long AnsweredAt { get; set; }

    /// <summary>True when this request (BYE, re-INVITE) belongs to this call's dialog: same Call-ID and our To tag.</summary>
    public bool Owns(SipRequest request) => string.Equals(request.To.Tag, LocalTag, StringComparison.Ordinal);
}

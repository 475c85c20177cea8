using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A call an agent's phone placed through the server: its INVITE, her media and the session timer granted to it,
/// until the phone is answered. A number stays unanswered until the inbox has filed the outbound interaction (the
/// inbox's notice then connects it, <c>CallHandler.PhoneCall.cs</c>). Touched only on the executor of its Call-ID.
/// </summary>
internal sealed class PhoneDial(SipRequest invite, SipServerTransaction transaction, string agentId, MediaLeg media)
{
    public SipRequest Invite { get; } = invite;

    public SipServerTransaction Transaction { get; } = transaction;

    public string AgentId { get; } = agentId;

    /// <summary>The phone's media, answered from its offer; the call's agent leg once connected.</summary>
    public MediaLeg Media { get; } = media;

    /// <summary>The session timer granted to its INVITE, applied when it is answered (RFC 4028 §9).</summary>
    public SessionExpires SessionTimer { get; init; }

    /// <summary>The phone sent CANCEL (answered 487): the interaction ends as soon as the inbox has it.</summary>
    public bool Cancelled { get; set; }

    /// <summary>Gives the dial up when the inbox's notice does not come in time.</summary>
    public ITimer? Guard { get; set; }

    /// <summary>The interaction the inbox filed for it, once known and while the notice is awaited.</summary>
    public string? InteractionId { get; set; }

    /// <summary>Given up before it was connected: an interaction filed after that is ended.</summary>
    public bool Dropped { get; set; }
}

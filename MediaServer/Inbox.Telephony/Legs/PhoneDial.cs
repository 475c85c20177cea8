using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A number an agent's phone dialled, its INVITE unanswered until the inbox has filed the outbound interaction (the
/// inbox's notice then connects it, <c>CallHandler.PhoneCall.cs</c>). Touched only on the executor of its Call-ID.
/// </summary>
internal sealed class PhoneDial(SipRequest invite, SipServerTransaction transaction, string agentId, MediaLeg media)
{
    public SipRequest Invite { get; } = invite;

    public SipServerTransaction Transaction { get; } = transaction;

    public string AgentId { get; } = agentId;

    /// <summary>The phone's media, answered from its offer; the call's agent leg once connected.</summary>
    public MediaLeg Media { get; } = media;

    /// <summary>The phone sent CANCEL (answered 487): the interaction ends as soon as the inbox has it.</summary>
    public bool Cancelled { get; set; }
}

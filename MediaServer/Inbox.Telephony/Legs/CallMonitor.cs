using Inbox.Media.Bridging;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A supervisor listening in on a call (<c>CallHandler.Monitor.cs</c>): his phone's leg and, once it answered, the
/// conversation it is played and the two legs it is taken from. Touched only on the call's executor.
/// </summary>
internal sealed class CallMonitor(string supervisorId, OutgoingLeg phone)
{
    public string SupervisorId { get; } = supervisorId;

    /// <summary>The call to his phone, rung with the auto-answer hint.</summary>
    public OutgoingLeg Phone { get; } = phone;

    /// <summary>Gives up on his phone if it has not answered within <c>Telephony:DialTimeout</c>.</summary>
    public ITimer? RingTimer { get; set; }

    /// <summary>The customer and the agent mixed for him, while his phone is answered.</summary>
    public ConversationMix? Conversation { get; set; }

    /// <summary>The legs the conversation is taken from: the customer's and the agent's he started listening to.</summary>
    public (MediaLeg Customer, MediaLeg Agent)? Heard { get; set; }
}

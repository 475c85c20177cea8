using Inbox.Interactions.Calls;
using Inbox.Telephony.Features;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A call between two agents: the caller's phone leg (<see cref="TelephonyCall.Agent"/>, rung first and owning the
/// call's Call-ID) and the callee's (<see cref="Callee"/>). Internal: no interaction and no campaign, so the
/// interaction-bound features (recording, quality on the interaction, transfers, park) never start on it.
/// </summary>
internal sealed class AgentCall(string callId, string callerAgentId, string calleeAgentId, IReadOnlyList<string> calleeExtensions)
    : TelephonyCall(campaignId: string.Empty)
{
    public override string CallId => callId;

    /// <summary>The callee's audio: she is the "far end" of the caller's call.</summary>
    public override MediaLeg? CustomerMedia => Callee?.Media;

    public override string CustomerLegId => Callee?.CallId ?? string.Empty;

    public override string CustomerAddress => CalleeAgentId;

    public override bool IsEnded => State == AgentCallState.Ended;

    public string CallerAgentId { get; } = callerAgentId;

    public string CalleeAgentId { get; } = calleeAgentId;

    /// <summary>The extensions whose phones ring for the callee, as the directory gave them when the call was placed.</summary>
    public IReadOnlyList<string> CalleeExtensions { get; } = calleeExtensions;

    public AgentCallState State { get; set; } = AgentCallState.CallingCaller;

    /// <summary>The call to the callee's phone(s), once the caller's answered.</summary>
    public OutgoingLeg? Callee { get; set; }

    /// <summary>Ends the call as unanswered when the phone it waits on rings for longer than <c>Telephony:DialTimeout</c>.</summary>
    public ITimer? RingTimer { get; set; }

    /// <summary>The call as both agents see it, with each phone's latest quality once scored.</summary>
    public AgentCallView View() => new(CallId, CallerAgentId, CalleeAgentId, State, StartedAt, ConnectedAt)
    {
        CallerQuality = LatestQuality.Of(Agent?.Media?.Session),
        CalleeQuality = LatestQuality.Of(Callee?.Media?.Session),
    };
}

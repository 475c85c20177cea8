using Inbox.Interactions.Calls;
using Inbox.Media.Quality;
using Inbox.Media.Sessions;
using Inbox.Telephony.Features;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Every answered leg of every call is scored (<see cref="CallQualityMonitor"/>) from its answer to its end, so the
/// views show each leg's and each participant's latest MOS: the customer, the agent, a transfer's target or number, the
/// number a call went to, conference participants, both phones of an agent call. The legs are watched where their RTP
/// is (<c>WatchLeg</c>, <c>ForgetLeg</c> in <c>CallHandler.RtpTimeout.cs</c>), and each window is handled on the
/// executor of the call that owns the leg: tallied for the interaction's summary and, on the customer's leg (the
/// caller's on an agent call), pushed to the agents.
/// </summary>
internal sealed partial class CallHandler
{
    private void WatchQuality(TelephonyCall call, MediaLeg leg)
    {
        var (callId, session) = (call.CallId, leg.Session);
        quality.Watch(session, sample => _executor?.TryPost(callId, () => OnLegQuality(callId, session, sample)));
    }

    private void ForgetQuality(MediaLeg leg) => quality.Forget(leg.Session);

    private void OnLegQuality(string callId, RtpSession session, QualitySample sample)
    {
        if (!calls.TryGet(callId, out var call) || call.IsEnded)
        {
            return;
        }

        if (call is AgentCall { State: AgentCallState.Connected } agentCall)
        {
            if (ReferenceEquals(session, agentCall.Agent?.Media?.Session))
            {
                PublishAgentCall(agentCall);
            }

            return;
        }

        // The summary counts from the first bridge on, as the interaction's call does.
        if (call.Features is not { } current)
        {
            return;
        }

        TallyOf(call, current, session)?.Add(sample);
        if (ReferenceEquals(session, current.CustomerSession))
        {
            Publish(call, CallChange.Quality);
        }
    }

    // A transfer's target and number are not tallied: once the transfer completes, the target is the bridged agent.
    private static LegQualityTally? TallyOf(TelephonyCall call, CallFeatures current, RtpSession session)
    {
        if (ReferenceEquals(session, current.CustomerSession))
        {
            return current.CustomerQuality;
        }

        if (ReferenceEquals(session, current.AgentSession))
        {
            return current.AgentQuality;
        }

        return call.Conference?.Added.Find(p => ReferenceEquals(p.Media?.Session, session)) is { } participant
            ? current.ParticipantTally(participant.Id, participant.Display)
            : null;
    }
}

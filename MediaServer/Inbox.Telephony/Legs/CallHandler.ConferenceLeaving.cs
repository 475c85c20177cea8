using Inbox.Interactions.Calls;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Telephony.Conference;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Leaving a conference: a participant's or the agent's BYE, a participant removed or timed out, the agent leaving
/// (the others stay mixed, and the interaction is finalized as hers), the last one left alone hung up, and the whole
/// conference hung up with its call.
/// </summary>
internal sealed partial class CallHandler
{
    /// <summary>A BYE from a participant's phone (she leaves) or, in a mixed call, from the agent's (she leaves too).</summary>
    private bool OnConferenceBye(TelephonyCall call, SipRequest bye, SipServerTransaction transaction)
    {
        if (call.Conference is not { } conference)
        {
            return false;
        }

        if (conference.Added.Find(p => p.Phone is { } phone && IsAnsweredDialogOf(phone, bye)) is { } participant)
        {
            _ = SendAsync(call, transaction, SipResponseFactory.Create(bye, 200, source: transaction.Source.Address));
            var phone = participant.Phone!;
            phone.Dialog!.Terminate();
            Unmix(conference, participant);
            ReleaseLeg(phone);
            SupervisorLeft(call, participant, "his phone hung up");
            Publish(call, CallChange.State, detail: $"agent {phone.AgentId} left the call");
            AfterLeaving(call);
            return true;
        }

        if (conference.Mix is not null && call.Agent is { } agent && IsAnsweredDialogOf(agent, bye))
        {
            _ = SendAsync(call, transaction, SipResponseFactory.Create(bye, 200, source: transaction.Source.Address));
            agent.Dialog!.Terminate();
            LeaveAndFinalize(call, agent, byPhone: true);
            return true;
        }

        return false;
    }

    // The owning agent's phone went (hung up, or timed out): she leaves, and the interaction is finalized as hers.
    private void LeaveAndFinalize(TelephonyCall call, OutgoingLeg agent, bool byPhone)
    {
        var interactionId = call.InteractionId;
        Leave(call, agent, byPhone);
        if (agent.Accepted && interactionId is not null)
        {
            call.InteractionId = null;
            _ = FinalizeAsync(call.CallId, agent.AgentId, interactionId);
        }
    }

    // A participant is let go (removed by the agent, or timed out): the others stay connected.
    private void DropParticipant(TelephonyCall call, ConferenceParticipant participant, string reason, string detail)
    {
        Unmix(call.Conference!, participant);
        HangUpParticipant(call, participant, reason);
        SupervisorLeft(call, participant, reason);
        Publish(call, CallChange.State, detail: detail);
        AfterLeaving(call);
    }

    // The owning agent goes; her recording and quality summary end with her interaction, the others stay mixed.
    private void Leave(TelephonyCall call, OutgoingLeg agent, bool byPhone)
    {
        var conference = call.Conference!;
        if (conference.AgentMember is { } member)
        {
            conference.Mix!.Leave(member, agent.Media!, conference.AgentFront);
            conference.AgentMember = null;

            // A supervisor whispering to her is left talking to the customer: she is heard from now on.
            foreach (var participant in conference.Added)
            {
                if (participant.Member?.Participant is { } mixed && mixed.WhisperTo == member.Participant)
                {
                    mixed.WhisperTo = null;
                    PublishMonitor(participant.Phone!.InteractionId, participant.Display, MonitorState.Joined, "the agent left: the customer hears you");
                }
            }
        }

        StopFeatures(call);
        StopMonitor(call, "the agent left the conference", byPhone: false);
        call.Agent = null;
        call.Bridge = null;
        if (byPhone)
        {
            ReleaseLeg(agent);
        }
        else
        {
            ByeAgent(call, agent);
        }

        TelephonyLog.ConferenceLeft(logger, call.CallId, agent.AgentId);
        Publish(call, CallChange.State, detail: $"agent {agent.AgentId} left the call; the others stay connected");
        AfterLeaving(call);
    }

    // Someone left: alone, the last one is hung up; with nobody added any more, the call is as it was.
    private void AfterLeaving(TelephonyCall call)
    {
        if (call.Conference is not { } conference || call.IsEnded)
        {
            return;
        }

        if (conference.Mix is { Count: < 2 })
        {
            HangUpCustomer(call, "everybody else left the call");
        }
        else if (conference.Mix is null && conference.Added.Count == 0)
        {
            call.Conference = null;
        }
        else if (conference is { Mix: { } mix, Added.Count: 0, AgentMember: not null } && call.Bridge is not null)
        {
            call.Conference = null;
            EndMix(call, conference, mix);
        }
    }

    /// <summary>
    /// Only the customer and her agent are left: they go back to their bridge (relayed again when they share a codec),
    /// and hold, park and transfer work again. A brief re-bridge is the price; keeping the mix would refuse those for
    /// the rest of the call, which an agent who asked a colleague in for a minute would not expect.
    /// </summary>
    private void EndMix(TelephonyCall call, CallConference conference, ConferenceMix mix)
    {
        var bridge = call.Bridge!;
        mix.Leave(conference.CustomerMember!, bridge.Customer, conference.CustomerFront);
        mix.Leave(conference.AgentMember!, bridge.Agent, conference.AgentFront);
        mix.Dispose();
        ApplyMedia(call);
        TelephonyLog.ConferenceOver(logger, call.CallId, call.Agent!.AgentId);
        Publish(call, CallChange.State, detail: "the conference is over: the customer and the agent talk on");
    }

    /// <summary>The call is ending: the mix stops first (it sends on every leg), then every added leg is let go.</summary>
    private void HangUpConference(TelephonyCall call)
    {
        if (call.Conference is not { } conference)
        {
            return;
        }

        call.Conference = null;
        conference.Mix?.Dispose();
        foreach (var participant in conference.Added)
        {
            HangUpParticipant(call, participant, "the call ended");
            SupervisorLeft(call, participant, "the call ended");
        }
    }

    private void HangUpParticipant(TelephonyCall call, ConferenceParticipant participant, string reason)
    {
        if (participant.Phone is { } phone)
        {
            DropTarget(call, phone, reason);
        }
        else
        {
            HangUpExternal(participant.Line!);
        }
    }

    // Out of the list and the mix; the leg itself is the caller's to hang up or release.
    private static void Unmix(CallConference conference, ConferenceParticipant participant)
    {
        conference.Added.Remove(participant);
        if (participant.Member is { } member)
        {
            conference.Mix!.Leave(member, participant.Media!, front: null);
            participant.Member = null;
        }
    }

    /// <summary>An outbound call's customer hung up after its agent left the conference: nobody else ends it.</summary>
    private bool CustomerLeftConference(OutboundCall call, TrunkLeg customer)
    {
        if (call.IsEnded || call.Agent is not null || call.Conference is null || !ReferenceEquals(call.Customer, customer) || customer.State != TrunkLegState.Ended)
        {
            return false;
        }

        End(call, "the customer hung up");
        return true;
    }
}

using System.Collections.Immutable;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Telephony.Conference;
using Inbox.Telephony.Features;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Conference calls. The agent adds another agent's phone or a number (through the campaign's trunk); while it rings
/// she and the customer talk on. When the first participant answers, every leg goes into a <see cref="ConferenceMix"/>
/// and hears everybody else. A participant who does not answer is dropped and the call stays as it was; one who hangs
/// up or is removed leaves the others connected. The agent can leave: her interaction is finalized (she enters
/// wrap-up) and the others stay mixed until only one of them is left. The customer hanging up ends the call for
/// everybody: the call is hers, and the interaction with it.
/// </summary>
internal sealed partial class CallHandler
{
    /// <summary>Rings <paramref name="agentId"/>'s phones to join the call; the view shows her ringing.</summary>
    public Task<CallView> AddAgentAsync(string callId, string agentId, IReadOnlyList<string> extensions) => OnCallAsync(callId, call =>
    {
        RequireConferenceable(call);
        if (call.Agent?.AgentId == agentId || call.Conference?.Added.Exists(p => p.Phone?.AgentId == agentId) == true)
        {
            throw InboxException.Precondition($"Agent '{agentId}' is already on the call.");
        }

        var phones = phoneLocator.Find(extensions);
        if (phones.Count == 0)
        {
            throw InboxException.Precondition($"Agent '{agentId}' has no registered phone to ring.");
        }

        var offer = media.CreateOffer() ?? throw new InboxException(InboxError.ResourceExhausted, "No RTP port is free for another leg.");
        var leg = new OutgoingLeg(Guid.NewGuid().ToString("N"), SipTag.Create(), agentId, call.InteractionId ?? string.Empty, offer);
        (call.Conference ??= new CallConference()).Added.Add(ConferenceParticipant.ForAgent(leg));
        TelephonyLog.ConferenceAdding(logger, call.CallId, agentId, leg.CallId);
        RingPhones(call, leg, phones, phone => CreateInvite(leg, phone, call.CustomerAddress, fromName: null).BuildRequest(offer.Sdp, "application/sdp"));
        Publish(call, CallChange.State, detail: $"adding agent {agentId} to the call");
        return ViewOf(call);
    });

    /// <summary>Dials <paramref name="route"/> through the campaign's trunk to join the call; the view shows it ringing.</summary>
    public Task<CallView> AddNumberAsync(string callId, OutboundRoute route) => OnCallAsync(callId, call =>
    {
        ArgumentNullException.ThrowIfNull(route);
        RequireConferenceable(call);
        var conference = call.Conference ??= new CallConference();
        var line = DialExternal(call, route, changed => OnLineChanged(call, changed));
        conference.Added.Add(ConferenceParticipant.ForNumber(line));
        TelephonyLog.ConferenceAdding(logger, call.CallId, route.Number, line.CallId);
        Publish(call, CallChange.State, detail: $"adding {route.Number} to the call");
        return ViewOf(call);
    });

    /// <summary>Hangs up an added participant (CANCEL while it rings, BYE once answered); the others stay connected.</summary>
    public Task<CallView> RemoveParticipantAsync(string callId, string participantId) => OnCallAsync(callId, call =>
    {
        if (call.Conference?.Find(participantId) is not { } participant)
        {
            throw participantId == call.CustomerLegId || participantId == call.Agent?.CallId
                ? InboxException.Precondition("The customer and the call's agent are not removed: hang up, or leave the conference.")
                : InboxException.NotFound($"No participant '{participantId}' is on the call.");
        }

        DropParticipant(call, participant, "removed from the conference", $"{participant.Display} was removed from the call");
        return ViewOf(call);
    });

    /// <summary>
    /// The agent leaves the conference: her phone is hung up, the others stay connected, and the interaction is
    /// finalized as <paramref name="agentId"/>'s. The view is the call as she leaves it: ENDED for her, with who stays.
    /// </summary>
    public async Task<CallView> LeaveConferenceAsync(string callId, string agentId, string interactionId)
    {
        var view = await OnCallAsync(callId, call =>
        {
            if (call.Conference?.Added.Exists(p => p.Member is not null) != true || call.Agent is not { State: OutgoingLegState.Bridged } agent)
            {
                throw InboxException.Precondition("Cannot leave: nobody else is on the call; hang up instead.");
            }

            Leave(call, agent, byPhone: false);
            call.InteractionId = null;
            return ViewOf(call) with { InteractionId = interactionId, State = CallState.Ended };
        }).ConfigureAwait(false);
        await inbox.FinalizeAsync(agentId, interactionId, CancellationToken.None).ConfigureAwait(false);
        return view;
    }

    /// <summary>Whether <paramref name="leg"/> is a participant's phone the call still waits on or mixes.</summary>
    private static bool IsConferenceLeg(TelephonyCall call, OutgoingLeg leg) => call.Conference?.Find(leg) is not null;

    /// <summary>An added agent's phone answered: she joins the mix (which starts with the first answer).</summary>
    private void OnParticipantAnswered(TelephonyCall call, OutgoingLeg leg)
    {
        var participant = call.Conference!.Find(leg)!;
        leg.State = OutgoingLegState.Bridged;
        Connect(call, participant, 200);
    }

    /// <summary>
    /// An added agent's phone did not answer (or answered with unusable media): she is dropped and the call stays as
    /// it was. False when <paramref name="leg"/> is not a participant's.
    /// </summary>
    private bool OnParticipantFailed(TelephonyCall call, OutgoingLeg leg, int status)
    {
        if (call.Conference?.Find(leg) is not { } participant)
        {
            return false;
        }

        Unmix(call.Conference, participant);
        Publish(call, CallChange.Progress, status, $"agent {leg.AgentId} did not join the call");
        AfterLeaving(call);
        return true;
    }

    private void OnLineChanged(TelephonyCall call, TrunkLeg line)
    {
        if (call.IsEnded || call.Conference?.Find(line) is not { } participant)
        {
            return;
        }

        switch (line.State)
        {
            case TrunkLegState.Ringing:
                Publish(call, CallChange.Progress, line.Status, $"{participant.Display} is ringing");
                break;
            case TrunkLegState.EarlyMedia:
                // Early media is not mixed: the others would hear the line's tones over their talk.
                Publish(call, CallChange.Progress, line.Status, $"{participant.Display} plays early media");
                break;
            case TrunkLegState.Answered:
                Connect(call, participant, line.Status);
                break;
            case TrunkLegState.Ended:
                var wasConnected = participant.Member is not null;
                Unmix(call.Conference, participant);
                Publish(call, CallChange.Progress, line.Status, wasConnected ? $"{participant.Display} left the call" : $"{participant.Display}: {line.EndReason}");
                AfterLeaving(call);
                break;
        }
    }

    // The participant answered: the mix starts if it is the first, and she hears everybody from the next tick.
    private void Connect(TelephonyCall call, ConferenceParticipant participant, int status)
    {
        var conference = call.Conference!;
        if (StartMix(call, conference) is not { } mix)
        {
            // The agent's side went away while it rang (a transfer or park cannot start meanwhile): nobody to join.
            Unmix(conference, participant);
            HangUpParticipant(call, participant, "nobody is left to talk to");
            return;
        }

        participant.Member = mix.Join(participant.Media!, front: null);
        TelephonyLog.ConferenceJoined(logger, call.CallId, participant.Display, mix.Count);
        Publish(call, CallChange.Progress, status, $"{participant.Display} joined the call");
    }

    // The customer and the agent move from their bridge into the mix, each through her bridge's front (taps stay).
    private ConferenceMix? StartMix(TelephonyCall call, CallConference conference)
    {
        if (conference.Mix is { } running)
        {
            return running;
        }

        if (call.Bridge is not { } bridge)
        {
            return null;
        }

        var mix = media.CreateMix();
        conference.Mix = mix;
        conference.CustomerFront = bridge.CustomerFront;
        conference.AgentFront = bridge.AgentFront;
        conference.CustomerMember = mix.Join(bridge.Customer, bridge.CustomerFront);
        conference.AgentMember = mix.Join(bridge.Agent, bridge.AgentFront);
        ApplyConferenceMedia(call, conference);
        return mix;
    }

    /// <summary>Mute (from the UI or the phone's hold) silences the agent for everybody; she still hears them.</summary>
    private static void ApplyConferenceMedia(TelephonyCall call, CallConference conference)
    {
        if (conference.AgentMember is { } agent)
        {
            agent.Participant.IsMuted = call.Muted || call.HeldByPhone;
        }

        call.Features?.Apply(call.Muted, call.HeldByPhone);
    }

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
        }

        StopFeatures(call);
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

    // Someone left: alone, the last one is hung up; with nobody added or mixed any more, the call is as it was.
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

    private static void RequireConferenceable(TelephonyCall call)
    {
        RequireConnected(call, "add a participant");
        if (call.Transfer is not null || call.Parked is not null)
        {
            throw InboxException.Precondition("Cannot add a participant: the call is being transferred or is parked.");
        }

        if (call.OnHold || call.HeldByPhone)
        {
            throw InboxException.Precondition("Cannot add a participant while the customer is on hold; resume the call first.");
        }
    }

    /// <summary>Hold, park and transfer move the customer away from the agent, which a conference has no room for.</summary>
    private static void RequireNoConference(TelephonyCall call, string action)
    {
        if (call.Conference is not null)
        {
            throw InboxException.Precondition($"Cannot {action}: the call is a conference; remove the participants first.");
        }
    }

    private static ImmutableArray<CallParticipantView> ParticipantsOf(TelephonyCall call)
    {
        if (call.Conference is not { } conference)
        {
            return [];
        }

        var participants = ImmutableArray.CreateBuilder<CallParticipantView>(conference.Added.Count + 2);
        participants.Add(new CallParticipantView(call.CustomerLegId, ParticipantKind.Customer, call.CustomerAddress, null, ParticipantState.Connected, Muted: false)
        {
            Quality = LatestQuality.Of(call.CustomerMedia?.Session),
        });
        if (call.Agent is { } agent)
        {
            participants.Add(new CallParticipantView(agent.CallId, ParticipantKind.Agent, agent.AgentId, agent.AgentId, ParticipantState.Connected, call.Muted)
            {
                Quality = LatestQuality.Of(agent.Media?.Session),
            });
        }

        foreach (var added in conference.Added)
        {
            var state = added.Member is null ? ParticipantState.Ringing : ParticipantState.Connected;
            participants.Add(new CallParticipantView(added.Id, added.Kind, added.Display, added.Phone?.AgentId, state, Muted: false)
            {
                Quality = LatestQuality.Of(added.Media?.Session),
            });
        }

        return participants.ToImmutable();
    }
}

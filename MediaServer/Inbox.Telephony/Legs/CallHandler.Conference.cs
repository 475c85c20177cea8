using System.Collections.Immutable;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;
using Inbox.Sip.Dialogs;
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

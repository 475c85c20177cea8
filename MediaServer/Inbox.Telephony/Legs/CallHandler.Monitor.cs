using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Events;
using Inbox.Media.Bridging;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Telephony.Conference;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A supervisor listening in on a call (silent monitoring). His phone is rung with the auto-answer hint; once it
/// answers it is played the customer and the agent mixed, each decoded beside the relay as its leg's session listener,
/// so the call itself is untouched: hold, mute, transfers and recording work as before, nothing his phone sends
/// reaches anyone, and the call's views do not show him. One supervisor at a time. Listening ends when he hangs up or
/// asks to stop, and when the agent he listens to leaves the call or the call ends. He may whisper (the agent alone
/// hears him) or barge in (both do): his phone, already answered, becomes a conference participant and the call a
/// conference. He switches between the three freely; going back to listening ends the conference he made.
/// </summary>
internal sealed partial class CallHandler
{
    /// <summary>
    /// Rings <paramref name="supervisorId"/>'s phones to listen in on the call; whispering or barged in, he goes back
    /// to listening on the phone he has.
    /// </summary>
    public Task<CallView> MonitorAsync(string callId, string supervisorId, IReadOnlyList<string> extensions) => OnCallAsync(callId, call =>
    {
        RequireConnected(call, "listen in");
        var supervisor = SupervisorOf(call, supervisorId);
        if ((call.Monitor?.SupervisorId ?? call.Conference?.Added.Find(p => p.IsSupervisor && p != supervisor)?.Display) is { } current)
        {
            throw InboxException.Precondition($"Cannot listen in: {current} is listening to the call already.");
        }

        if (call.Agent is not { State: OutgoingLegState.Bridged, Media: not null } agent || call.CustomerMedia is null)
        {
            throw InboxException.Precondition("Cannot listen in: the customer is not talking to an agent now.");
        }

        if (supervisor is not null)
        {
            BackToListening(call, supervisor, agent);
            return ViewOf(call);
        }

        if (agent.AgentId == supervisorId)
        {
            throw InboxException.Precondition("Cannot listen in on your own call.");
        }

        var phones = phoneLocator.Find(extensions);
        if (phones.Count == 0)
        {
            throw InboxException.Precondition($"Cannot listen in: {supervisorId} has no registered phone to ring.");
        }

        var offer = media.CreateOffer() ?? throw new InboxException(InboxError.ResourceExhausted, "No RTP port is free for another leg.");
        var leg = new OutgoingLeg(Guid.NewGuid().ToString("N"), SipTag.Create(), supervisorId, call.InteractionId ?? string.Empty, offer);
        call.Monitor = new CallMonitor(supervisorId, leg);
        TelephonyLog.MonitorRinging(logger, call.CallId, supervisorId, leg.CallId);
        var (user, _) = call.ShownToPhones;
        RingPhones(call, leg, phones, phone => AutoAnswer(CreateInvite(leg, phone, user, $"Listening to {agent.AgentId}"), phone)
            .BuildRequest(offer.Sdp, "application/sdp"));
        if (!ReferenceEquals(call.Monitor?.Phone, leg))
        {
            throw InboxException.Precondition($"Cannot listen in: {supervisorId}'s phone could not be reached.");
        }

        // A phone that ignores the auto-answer hint must not keep other supervisors out for the rest of the call.
        call.Monitor.RingTimer = timeProvider.CreateTimer(
            _ => TryPost(call.CallId, () =>
            {
                if (ReferenceEquals(call.Monitor?.Phone, leg) && leg.State == OutgoingLegState.Ringing)
                {
                    StopMonitor(call, "his phone did not answer in time", byPhone: false);
                }
            }),
            null, _dialTimeout, Timeout.InfiniteTimeSpan);
        PublishMonitor(call.Monitor, MonitorState.Ringing);
        return ViewOf(call);
    });

    /// <summary><paramref name="supervisorId"/> stops listening (or whispering, or talking): his phone is hung up; the call goes on.</summary>
    public Task<CallView> StopMonitoringAsync(string callId, string supervisorId) => OnCallAsync(callId, call =>
    {
        if (SupervisorOf(call, supervisorId) is { } supervisor)
        {
            DropParticipant(call, supervisor, "he stopped listening", $"supervisor {supervisorId} left the call");
        }
        else if (call.Monitor?.SupervisorId == supervisorId)
        {
            StopMonitor(call, "he stopped listening", byPhone: false);
        }
        else
        {
            throw InboxException.NotFound("You are not listening to this call.");
        }

        return ViewOf(call);
    });

    /// <summary>
    /// The supervisor joins the conversation (barges in): listening, his answered phone becomes a conference
    /// participant heard by the customer and the agent; whispering, the customer hears him from now on. The call
    /// follows a conference's rules from then on.
    /// </summary>
    public Task<CallView> BargeInAsync(string callId, string supervisorId) => OnCallAsync(callId, call =>
    {
        if (SupervisorOf(call, supervisorId)?.Member?.Participant is { } mixed)
        {
            if (mixed.WhisperTo is null)
            {
                return ViewOf(call);
            }

            mixed.WhisperTo = null;
        }
        else
        {
            JoinFromListening(call, supervisorId, "barge in");
        }

        PublishMonitor(call.InteractionId, supervisorId, MonitorState.Joined);
        TelephonyLog.MonitorJoined(logger, call.CallId, supervisorId, "barged in");
        Publish(call, CallChange.State, detail: $"supervisor {supervisorId} joined the call");
        return ViewOf(call);
    });

    /// <summary>
    /// The listening supervisor talks to the agent alone (whispers): his answered phone becomes a conference participant
    /// whom only the agent hears, and who hears both. <see cref="BargeInAsync"/> lets the customer hear him too.
    /// </summary>
    public Task<CallView> WhisperAsync(string callId, string supervisorId) => OnCallAsync(callId, call =>
    {
        var member = SupervisorOf(call, supervisorId)?.Member;
        if (member is not null && call.Conference!.AgentMember is null)
        {
            throw InboxException.Precondition("Cannot whisper: the agent has left the call.");
        }

        if (member?.Participant.WhisperTo is not null)
        {
            return ViewOf(call);
        }

        member ??= JoinFromListening(call, supervisorId, "whisper");
        member.Participant.WhisperTo = call.Conference!.AgentMember!.Participant;
        PublishMonitor(call.InteractionId, supervisorId, MonitorState.Whispering);
        TelephonyLog.MonitorJoined(logger, call.CallId, supervisorId, "whispers to the agent");
        Publish(call, CallChange.State, detail: $"supervisor {supervisorId} is talking to the agent");
        return ViewOf(call);
    });

    // His listening ends and his answered leg joins the mix as an added agent's phone would.
    private ConferenceMember JoinFromListening(TelephonyCall call, string supervisorId, string action)
    {
        if (call.Monitor is not { Conversation: { } conversation, Heard: var (customer, agent) } monitor || monitor.SupervisorId != supervisorId)
        {
            throw InboxException.Precondition($"Cannot {action}: you are not listening to this call (or your phone has not answered yet).");
        }

        RequireConferenceable(call);
        call.Monitor = null;
        MediaLegFactory.StopListening(customer, agent, conversation);
        var phone = monitor.Phone;

        // Something else plays before the mix is freed: a tick that read it has finished once this returns.
        phone.Media!.PlaySilence();
        conversation.Dispose();
        var participant = ConferenceParticipant.ForSupervisor(phone);
        (call.Conference ??= new CallConference()).Added.Add(participant);

        // His decoder starts empty: the ticks before the caller says whom he talks to mix only silence of his.
        Connect(call, participant, 200);
        return participant.Member!;
    }

    // The supervisor as a conference participant, while he whispers or after he barged in.
    private static ConferenceParticipant? SupervisorOf(TelephonyCall call, string supervisorId) =>
        call.Conference?.Added.Find(p => p.IsSupervisor && p.Display == supervisorId);

    // He leaves the mix (which ends the conference when nobody else was added) and hears the two again, unheard.
    private void BackToListening(TelephonyCall call, ConferenceParticipant supervisor, OutgoingLeg agent)
    {
        Unmix(call.Conference!, supervisor);
        var monitor = call.Monitor = new CallMonitor(supervisor.Display, supervisor.Phone!);
        Publish(call, CallChange.State, detail: $"supervisor {supervisor.Display} left the conversation");
        AfterLeaving(call);
        StartListening(call, monitor, agent);
    }

    private static bool IsMonitorLeg(TelephonyCall call, OutgoingLeg leg) => ReferenceEquals(call.Monitor?.Phone, leg);

    // His phone answered: it hears the conversation from the next tick, and what it sends goes nowhere.
    private void OnMonitorAnswered(TelephonyCall call, OutgoingLeg leg)
    {
        var monitor = call.Monitor!;
        if (call.CustomerMedia is null || call.Agent is not { Media: not null } agentLeg)
        {
            StopMonitor(call, "the agent left the call while his phone rang", byPhone: false);
            return;
        }

        monitor.RingTimer?.Dispose();
        leg.State = OutgoingLegState.Bridged;
        StartListening(call, monitor, agentLeg);
    }

    // His answered phone plays the customer and the agent mixed; what it sends reaches nobody.
    private void StartListening(TelephonyCall call, CallMonitor monitor, OutgoingLeg agent)
    {
        var customer = call.CustomerMedia!;
        monitor.Heard = (customer, agent.Media!);
        monitor.Conversation = media.Listen(customer, agent.Media!, monitor.Phone.Media!);
        monitor.Phone.Media!.PlaySource(monitor.Conversation);
        TelephonyLog.MonitorListening(logger, call.CallId, monitor.SupervisorId, agent.AgentId);
        PublishMonitor(monitor, MonitorState.Listening);
    }

    /// <summary>His phone hung up: true when the BYE was his.</summary>
    private bool OnMonitorBye(TelephonyCall call, SipRequest bye, SipServerTransaction transaction)
    {
        if (call.Monitor is not { } monitor || !IsAnsweredDialogOf(monitor.Phone, bye))
        {
            return false;
        }

        _ = SendAsync(call, transaction, SipResponseFactory.Create(bye, 200, source: transaction.Source.Address));
        StopMonitor(call, "his phone hung up", byPhone: true);
        return true;
    }

    /// <summary>
    /// He no longer listens: the legs stop feeding his decoders, his phone is let go (CANCEL, BYE, or released after
    /// its own BYE or failure), then the decoders are freed, once his leg's media no longer plays them.
    /// </summary>
    private void StopMonitor(TelephonyCall call, string reason, bool byPhone)
    {
        if (call.Monitor is not { } monitor)
        {
            return;
        }

        call.Monitor = null;
        monitor.RingTimer?.Dispose();
        if (monitor.Heard is var (customer, agent) && monitor.Conversation is { } heard)
        {
            MediaLegFactory.StopListening(customer, agent, heard);
        }

        var phone = monitor.Phone;
        if (phone.State != OutgoingLegState.Ended)
        {
            if (byPhone)
            {
                phone.Dialog?.Terminate();
                ReleaseLeg(phone);
            }
            else
            {
                DropTarget(call, phone, reason);
            }
        }

        // Only now: his leg's media was disposed above (under its gate), so no media clock tick reads the mix any more.
        monitor.Conversation?.Dispose();
        TelephonyLog.MonitorStopped(logger, call.CallId, monitor.SupervisorId, reason);
        PublishMonitor(monitor, MonitorState.Ended, reason);
    }

    // A supervisor who whispered or barged in is told his listening is over, as one who only listened is.
    private void SupervisorLeft(TelephonyCall call, ConferenceParticipant participant, string reason)
    {
        if (participant.IsSupervisor)
        {
            TelephonyLog.MonitorStopped(logger, call.CallId, participant.Display, reason);
            PublishMonitor(participant.Phone!.InteractionId, participant.Display, MonitorState.Ended, reason);
        }
    }

    private void PublishMonitor(CallMonitor monitor, MonitorState state, string? detail = null) =>
        PublishMonitor(monitor.Phone.InteractionId, monitor.SupervisorId, state, detail);

    // Told to the supervisor alone; never fails the call.
    private void PublishMonitor(string? interactionId, string supervisorId, MonitorState state, string? detail = null)
    {
        if (!string.IsNullOrEmpty(interactionId))
        {
            _ = PublishMonitorAsync(new MonitorChanged(interactionId, supervisorId, state, detail));
        }
    }

    private async Task PublishMonitorAsync(MonitorChanged change)
    {
        try
        {
            await inbox.PublishMonitorAsync(change, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            TelephonyLog.InboxFailed(logger, change.InteractionId, "publish a listening-in event", e);
        }
    }
}

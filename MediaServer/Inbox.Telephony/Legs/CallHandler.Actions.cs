using System.Collections.Immutable;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Events;
using Inbox.Telephony.Features;

namespace Inbox.Telephony.Legs;

/// <summary>
/// What an agent does on a live call from her UI (the Calls API): mute, hold, hang up. Each command runs on the call's
/// executor, like the SIP messages of the call, and answers with the call as it is after it.
/// </summary>
internal sealed partial class CallHandler
{
    /// <summary>The call as it is now; NOT_FOUND once it is over.</summary>
    public Task<CallView> GetCallAsync(string callId) => OnCallAsync(callId, ViewOf);

    /// <summary>Mutes or unmutes the agent. Setting the state it already has is not an error.</summary>
    public Task<CallView> SetMuteAsync(string callId, bool muted) => OnCallAsync(callId, call =>
    {
        RequireConnected(call, muted ? "mute" : "unmute");
        if (call.Muted != muted)
        {
            call.Muted = muted;
            ApplyMedia(call);
            Publish(call, CallChange.State, detail: muted ? "the agent is muted" : "the agent is no longer muted");
        }

        return ViewOf(call);
    });

    /// <summary>
    /// Pauses or resumes the call's recording: paused, both sides are written as silence (the file keeps its timing).
    /// Setting the state it already has is not an error; a call that is not recorded has nothing to pause. Who asked
    /// (<paramref name="agentId"/>) is logged, for the audit of what was left out of the recording.
    /// </summary>
    public Task<CallView> SetRecordingPausedAsync(string callId, bool paused, string agentId) => OnCallAsync(callId, call =>
    {
        RequireConnected(call, paused ? "pause the recording" : "resume the recording");
        // As the view says: a recording whose path could not be stored was stopped, and is nothing to pause.
        if (call.Features is not { Recording: not null, RecordingFiled: true } features)
        {
            throw InboxException.Precondition("The call is not being recorded: its campaign does not record calls.");
        }

        if (features.RecordingPaused != paused)
        {
            features.RecordingPaused = paused;
            ApplyMedia(call);
            TelephonyFeatureLog.RecordingPaused(logger, call.CallId, features.Recording.RelativePath, paused, agentId);
            Publish(call, CallChange.State, detail: paused ? "the recording is paused" : "the recording is resumed");
        }

        return ViewOf(call);
    });

    /// <summary>Puts the caller on hold (hold music) or takes her off it. Setting the state it already has is not an error.</summary>
    public Task<CallView> SetHoldAsync(string callId, bool onHold) => OnCallAsync(callId, call =>
    {
        RequireConnected(call, onHold ? "hold" : "resume");
        RequireNoConference(call, onHold ? "hold" : "resume");
        if (call.OnHold != onHold)
        {
            call.OnHold = onHold;
            ApplyMedia(call);
            Publish(call, CallChange.State, detail: onHold ? "the customer is on hold" : "the customer is off hold");
        }

        return ViewOf(call);
    });

    /// <summary>
    /// The agent's phone put the call on hold or took it off (a re-INVITE's direction): the caller hears hold music
    /// until it does. Runs on the call's executor.
    /// </summary>
    public void SetPhoneHold(TelephonyCall call, bool held)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.HeldByPhone == held)
        {
            return;
        }

        call.HeldByPhone = held;
        ApplyMedia(call);
        Publish(call, CallChange.State, detail: held ? "the agent's phone put the call on hold" : "the agent's phone resumed the call");
    }

    /// <summary>
    /// Ends the call from the agent's UI: BYE to her phone and to the caller, and the interaction is finalized as
    /// <paramref name="agentId"/>'s (the interaction's agent). Completes once the inbox has stored it.
    /// </summary>
    public async Task<CallView> HangUpAsync(string callId, string agentId, string interactionId)
    {
        var view = await OnCallAsync(callId, call =>
        {
            HangUpCustomer(call, "hung up from the agent's UI");
            call.InteractionId = null;
            return ViewOf(call) with { InteractionId = interactionId };
        }).ConfigureAwait(false);
        await inbox.FinalizeAsync(agentId, interactionId, CancellationToken.None).ConfigureAwait(false);
        return view;
    }

    /// <summary>Sets the bridge to what the call's flags ask for; nothing to do before the agent is bridged.</summary>
    private static void ApplyMedia(TelephonyCall call)
    {
        if (call.Conference is { Mix: not null } conference)
        {
            ApplyConferenceMedia(call, conference);
            return;
        }

        if (call.Bridge is not { } bridge)
        {
            return;
        }

        if (call.OnHold || call.HeldByPhone || call.Transfer is not null)
        {
            bridge.Hold();
        }
        else
        {
            bridge.Connect(call.Muted);
        }

        call.Features?.Apply(call.Muted, call.OnHold || call.HeldByPhone);
    }

    private static void RequireConnected(TelephonyCall call, string action)
    {
        if (call.Bridge is null)
        {
            throw InboxException.Precondition($"Cannot {action}: no agent is connected to the call yet.");
        }
    }

    private CallView ViewOf(TelephonyCall call)
    {
        var legs = ImmutableArray.CreateBuilder<CallLegView>(2);
        legs.Add(new CallLegView(call.CustomerLegId, CallLegRole.Customer, call.CustomerAddress, null, call.CustomerMedia?.Media.Codec.EncodingName, LatestQuality.Of(call.CustomerMedia?.Session)));
        AddLeg(legs, call.Agent, CallLegRole.Agent);
        AddLeg(legs, call.Transfer?.Target, CallLegRole.TransferTarget);
        if ((call.Transfer?.External ?? call.TransferredTo) is { State: not Trunks.TrunkLegState.Ended } number)
        {
            legs.Add(new CallLegView(number.CallId, CallLegRole.TransferTarget, number.Route.Number, null, number.Media?.Media.Codec.EncodingName, LatestQuality.Of(number.Media?.Session)));
        }

        return new CallView(
            call.InteractionId ?? string.Empty, StateOf(call), call.Muted, call.OnHold, call.HeldByPhone, call.Features?.RecordingFiled ?? false, legs.ToImmutable(),
            call.StartedAt, call.ConnectedAt)
        { ParkSlot = call.Parked?.Slot, Participants = ParticipantsOf(call), RecordingPaused = call.Features?.RecordingPaused ?? false };
    }

    private static void AddLeg(ImmutableArray<CallLegView>.Builder legs, OutgoingLeg? leg, CallLegRole role)
    {
        if (leg is { State: not OutgoingLegState.Ended })
        {
            legs.Add(new CallLegView(leg.CallId, role, leg.Extension ?? leg.AgentId, leg.AgentId, leg.Media?.Media.Codec.EncodingName, LatestQuality.Of(leg.Media?.Session)));
        }
    }

    private static CallState StateOf(TelephonyCall call) => call switch
    {
        { IsEnded: true } => CallState.Ended,
        { Parked: not null } => CallState.Parked,
        { Transfer.Consult: not null } => CallState.Consulting,
        { Transfer: not null } => CallState.Transferring,
        { Bridge: not null, OnHold: true } or { Bridge: not null, HeldByPhone: true } => CallState.OnHold,
        { Bridge: not null } => CallState.Connected,
        InboundCall { State: InboundCallState.Ringing } or OutboundCall { State: not OutboundCallState.Connected } => CallState.Ringing,
        _ => CallState.Queued,
    };

    /// <summary>Hangs up the customer's side (BYE, or 487 while hers still rings) and ends the call.</summary>
    private void HangUpCustomer(TelephonyCall call, string reason)
    {
        switch (call)
        {
            case InboundCall inbound:
                ByeCaller(inbound);
                End(inbound, reason);
                break;
            case OutboundCall outbound:
                End(outbound, reason);
                break;
        }
    }

    /// <summary>Streams the call's change to the agents working it; never fails the call.</summary>
    private void Publish(TelephonyCall call, CallChange change, int sipStatus = 0, string? detail = null)
    {
        if (call.InteractionId is { } interactionId)
        {
            _ = PublishAsync(interactionId, new CallChanged(ViewOf(call), change, sipStatus, detail));
        }
    }

    private async Task PublishAsync(string interactionId, InboxEvent callEvent, bool campaignWide = false)
    {
        try
        {
            await (campaignWide
                ? inbox.PublishToCampaignAsync(interactionId, callEvent, CancellationToken.None)
                : inbox.PublishAsync(interactionId, callEvent, CancellationToken.None)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            TelephonyLog.InboxFailed(logger, interactionId, "publish a call event", e);
        }
    }

    /// <summary>Runs <paramref name="work"/> on the call's executor; NOT_FOUND when the call is over or unknown.</summary>
    private Task<T> OnCallAsync<T>(string callId, Func<TelephonyCall, T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var posted = TryPost(callId, () =>
        {
            try
            {
                done.SetResult(calls.TryGet(callId, out var call) && !call.IsEnded
                    ? work(call)
                    : throw InboxException.NotFound("The call is over."));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        if (!posted)
        {
            done.SetException(new InboxException(InboxError.Unavailable, "Call control is overloaded; try again."));
        }

        return done.Task;
    }
}

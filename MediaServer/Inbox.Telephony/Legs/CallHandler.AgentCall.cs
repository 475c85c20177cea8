using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Events;
using Inbox.Media.Players;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Calls between agents (<see cref="AgentCall"/>): the caller's phones ring with auto-answer hints; once one answers
/// she hears ringback while the callee's phones ring; the callee answering bridges the two. Either phone hanging up,
/// or <see cref="HangUpAgentCallAsync"/>, ends the call; a phone that refuses or rings longer than
/// <c>Telephony:DialTimeout</c> ends it with its status. Both agents see every step as <see cref="AgentCallChanged"/>.
/// </summary>
internal sealed partial class CallHandler
{
    /// <summary>
    /// Places a call from <paramref name="callerId"/> to <paramref name="calleeId"/>: FAILED_PRECONDITION unless both
    /// have a registered phone. Returns at once; the work runs on the new call's executor.
    /// </summary>
    public AgentCallView CallAgent(string callerId, IReadOnlyList<string> callerExtensions, string calleeId, IReadOnlyList<string> calleeExtensions)
    {
        ArgumentNullException.ThrowIfNull(callerExtensions);
        ArgumentNullException.ThrowIfNull(calleeExtensions);
        if (string.Equals(callerId, calleeId, StringComparison.Ordinal))
        {
            throw InboxException.Precondition("An agent cannot call herself.");
        }

        if (phoneLocator.Find(callerExtensions).Count == 0)
        {
            throw InboxException.Precondition(
                $"No phone is registered for your extension(s) {string.Join(", ", callerExtensions)}: your phone rings first, so register it to call a teammate.");
        }

        if (phoneLocator.Find(calleeExtensions).Count == 0)
        {
            throw InboxException.Precondition($"Agent '{calleeId}' has no registered phone.");
        }

        var call = new AgentCall(Guid.NewGuid().ToString("N"), callerId, calleeId, calleeExtensions) { StartedAt = timeProvider.GetUtcNow() };
        var placed = call.View();
        return TryPost(call.CallId, () => StartAgentCall(call, callerExtensions))
            ? placed
            : throw new InboxException(InboxError.Unavailable, "Call control is overloaded; try again.");
    }

    /// <summary>Ends a call between agents on behalf of either of them; NOT_FOUND for anyone else's or one that is over.</summary>
    public Task<AgentCallView> HangUpAgentCallAsync(string callId, string agentId) => OnCallAsync(callId, call =>
    {
        if (call is not AgentCall agentCall || !IsParty(agentCall, agentId))
        {
            throw InboxException.NotFound($"You have no call '{callId}' with a teammate.");
        }

        EndAgentCall(agentCall, 0, $"{agentId} hung up");
        return agentCall.View();
    });

    /// <summary>The live calls <paramref name="agentId"/> has with teammates; a snapshot, read off the calls' executors.</summary>
    public IReadOnlyList<AgentCallView> ListAgentCalls(string agentId) =>
        [.. calls.Calls.OfType<AgentCall>().Select(c => c.View()).Where(v => v.State != AgentCallState.Ended && (v.CallerAgentId == agentId || v.CalleeAgentId == agentId))];

    private static bool IsParty(AgentCall call, string agentId) =>
        string.Equals(call.CallerAgentId, agentId, StringComparison.Ordinal) || string.Equals(call.CalleeAgentId, agentId, StringComparison.Ordinal);

    private void StartAgentCall(AgentCall call, IReadOnlyList<string> callerExtensions)
    {
        calls.TryAdd(call);
        var phones = phoneLocator.Find(callerExtensions);
        if (phones.Count == 0 || media.CreateOffer() is not { } offer)
        {
            EndAgentCall(call, phones.Count == 0 ? 480 : 503, phones.Count == 0 ? "the caller's phone is no longer registered" : "no free RTP port");
            return;
        }

        var leg = new OutgoingLeg(call.CallId, SipTag.Create(), call.CallerAgentId, string.Empty, offer) { Accepted = true };
        call.Agent = leg;
        ArmAgentCallRing(call);
        PublishAgentCall(call, detail: "ringing the caller's phone");
        var callee = call.CalleeExtensions.Count > 0 ? call.CalleeExtensions[0] : call.CalleeAgentId;
        RingPhones(call, leg, phones, phone => AutoAnswer(CreateInvite(leg, phone, callee, call.CalleeAgentId), phone)
            .BuildRequest(offer.Sdp, "application/sdp"));
    }

    private void OnAgentCallLegAnswered(AgentCall call, OutgoingLeg leg)
    {
        if (call.IsEnded)
        {
            ByeAgent(call, leg);
            return;
        }

        if (ReferenceEquals(leg, call.Agent))
        {
            CallerReady(call, leg, leg.Winner!.Invite.To.Uri.User ?? call.CallerAgentId);
            return;
        }

        call.RingTimer?.Dispose();
        call.RingTimer = null;
        call.Bridge = media.Bridge(leg.Media!, call.Agent!.Media!);
        ApplyMedia(call);
        call.Agent.State = OutgoingLegState.Bridged;
        leg.State = OutgoingLegState.Bridged;
        call.State = AgentCallState.Connected;
        call.ConnectedAt = timeProvider.GetUtcNow();
        TelephonyLog.CallBridged(logger, call.CallId, call.CalleeAgentId, leg.Media!.Media.Codec.EncodingName, call.Agent.Media!.Media.Codec.EncodingName);
        PublishAgentCall(call, 200, $"{call.CalleeAgentId} answered");
    }

    // The caller's phone is on the line (answered, or it placed the call): she hears ringback from now on, until her
    // teammate answers.
    private void CallerReady(AgentCall call, OutgoingLeg leg, string callerExtension)
    {
        leg.Media!.PlaySource(new ToneGenerator(ToneDefinitions.EuropeRingback, leg.Media.OutputRate));
        RingCallee(call, callerExtension);
    }

    // callerExtension: what the callee's phone shows, the extension the caller's phone was reached at.
    private void RingCallee(AgentCall call, string callerExtension)
    {
        call.State = AgentCallState.RingingCallee;
        var phones = phoneLocator.Find(call.CalleeExtensions);
        if (phones.Count == 0 || media.CreateOffer() is not { } offer)
        {
            EndAgentCall(call, phones.Count == 0 ? 480 : 503, phones.Count == 0 ? $"{call.CalleeAgentId} has no registered phone" : "no free RTP port");
            return;
        }

        var leg = new OutgoingLeg(Guid.NewGuid().ToString("N"), SipTag.Create(), call.CalleeAgentId, string.Empty, offer) { Accepted = true };
        call.Callee = leg;
        ArmAgentCallRing(call);
        PublishAgentCall(call, detail: $"ringing {call.CalleeAgentId}");
        RingPhones(call, leg, phones, phone => CreateInvite(leg, phone, callerExtension, call.CallerAgentId).BuildRequest(offer.Sdp, "application/sdp"));
    }

    // The phone the call waits on now (the caller's, then the callee's) gets Telephony:DialTimeout to answer.
    private void ArmAgentCallRing(AgentCall call)
    {
        var waitingFor = call.State;
        call.RingTimer?.Dispose();
        call.RingTimer = timeProvider.CreateTimer(
            _ => TryPost(call.CallId, () =>
            {
                if (call.State == waitingFor)
                {
                    EndAgentCall(call, 408, waitingFor == AgentCallState.CallingCaller ? "the caller's phone did not answer" : $"{call.CalleeAgentId} did not answer");
                }
            }),
            null, _dialTimeout, Timeout.InfiniteTimeSpan);
    }

    // Every fork of a leg failed (busy, declined, unreachable).
    private void OnAgentCallLegFailed(AgentCall call, OutgoingLeg leg)
    {
        var whose = ReferenceEquals(leg, call.Callee) ? $"{call.CalleeAgentId}'s phone" : "the caller's phone";
        EndAgentCall(call, leg.LastStatus, leg.LastStatus is 486 or 600 ? whose + " is busy" : whose + " did not answer");
    }

    /// <summary>A BYE from either phone: the other is hung up too.</summary>
    private void OnAgentCallBye(AgentCall call, SipRequest bye, SipServerTransaction transaction)
    {
        var leg = call.Agent is { } caller && IsAnsweredDialogOf(caller, bye) ? caller
            : call.Callee is { } callee && IsAnsweredDialogOf(callee, bye) ? callee
            : null;
        _ = SendAsync(call, transaction, SipResponseFactory.Create(bye, leg is null ? 481 : 200, source: transaction.Source.Address));
        if (leg is null)
        {
            return;
        }

        leg.Dialog!.Terminate();
        ReleaseLeg(leg);
        EndAgentCall(call, 0, $"{leg.AgentId} hung up");
    }

    /// <summary>Ends the call: CANCEL to ringing phones, BYE to answered ones; both agents are told why.</summary>
    private void EndAgentCall(AgentCall call, int sipStatus, string reason)
    {
        if (call.IsEnded)
        {
            return;
        }

        call.State = AgentCallState.Ended;
        call.RingTimer?.Dispose();
        call.RingTimer = null;
        call.Bridge = null;
        foreach (var leg in (ReadOnlySpan<OutgoingLeg?>)[call.Agent, call.Callee])
        {
            if (leg is not null)
            {
                DropTarget(call, leg, reason);
            }
        }

        call.Agent = null;
        call.Callee = null;
        calls.Remove(call);
        TelephonyLog.CallEnded(logger, call.CallId, reason);
        PublishAgentCall(call, sipStatus, reason);
    }

    private void PublishAgentCall(AgentCall call, int sipStatus = 0, string? detail = null) =>
        _ = PublishAgentCallAsync(call.CallId, new AgentCallChanged(call.View(), sipStatus, detail));

    private async Task PublishAgentCallAsync(string callId, AgentCallChanged change)
    {
        try
        {
            await inbox.PublishAgentCallAsync(change, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            TelephonyLog.InboxFailed(logger, callId, "publish an agent call event", e);
        }
    }
}

using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Transfers of a call, blind or attended, to an agent or a campaign. The inbox decides (who is offered the transfer,
/// its timeout, who has the interaction) and tells the telephony channel; each notice lands here on the call's
/// executor: started (the customer hears hold music; a blind transfer lets the agent's phone go), offered (the
/// target's phones ring), answered (blind: accepted; attended: the agent and the target consult), accepted (the
/// customer is bridged to the target and the agent's phone is let go), offer ended and returned (the target's phone
/// stops; the customer goes back to the agent, ringing her phone again when a blind transfer had let it go).
/// </summary>
internal sealed partial class CallHandler
{
    /// <summary>Asks the inbox to transfer the call; refused unless an agent is connected and no transfer is under way.</summary>
    public async Task<CallView> TransferAsync(
        string callId, string agentId, string interactionId, TransferMode mode, TransferTargetKind targetKind, string targetId)
    {
        await OnCallAsync(callId, call => RequireNoTransfer(call, "transfer")).ConfigureAwait(false);
        await inbox.TransferAsync(agentId, interactionId, mode, targetKind, targetId, CancellationToken.None).ConfigureAwait(false);

        // The inbox's notices were posted to the call's executor before it returned, so the view shows the transfer.
        return await GetCallAsync(callId).ConfigureAwait(false);
    }

    /// <summary>Hands a consulted call over to the target: she and the customer talk, the agent's phone is let go.</summary>
    public async Task<CallView> CompleteTransferAsync(string callId, string agentId, string interactionId)
    {
        await OnCallAsync(callId, call => call.Transfer is { Consult: not null }
            ? true
            : throw InboxException.Precondition("Cannot complete the transfer: its target has not answered.")).ConfigureAwait(false);
        await inbox.CompleteTransferAsync(agentId, interactionId, CancellationToken.None).ConfigureAwait(false);

        // An agent target is connected by the inbox's notice; the inbox tells nobody when a call leaves for a number.
        return await OnCallAsync(callId, call =>
        {
            CompleteExternal(call);
            return ViewOf(call);
        }).ConfigureAwait(false);
    }

    /// <summary>Withdraws the transfer: the target's phone stops and the customer is back with the agent.</summary>
    public async Task<CallView> CancelTransferAsync(string callId, string agentId, string interactionId)
    {
        await inbox.CancelTransferAsync(agentId, interactionId, CancellationToken.None).ConfigureAwait(false);
        return await GetCallAsync(callId).ConfigureAwait(false);
    }

    /// <summary>The inbox stored a transfer of the call. Any thread.</summary>
    public void TransferStarted(string callId, string interactionId, TransferMode mode) => OnLiveCall(callId, call =>
    {
        call.InteractionId ??= interactionId;
        var transfer = call.Transfer ??= new CallTransfer(mode);
        transfer.Mode = mode;
        transfer.Started = true;
        ApplyMedia(call);
        if (transfer.Refer is { } refer)
        {
            // The transfer is the server's to carry out now: the phone's part of it succeeded (RFC 3515 §2.4.5).
            NotifyRefer(call, refer, 200, "OK");
        }

        if (mode == TransferMode.Blind)
        {
            DropAgent(call, "blind transfer: the agent is free");
        }

        TelephonyLog.TransferStarted(logger, callId, mode);
        Publish(call, CallChange.State, detail: mode == TransferMode.Blind ? "blind transfer started" : "attended transfer started");
    });

    /// <summary>The inbox offers the call's transfer to <paramref name="agentId"/>: her phones ring. Any thread.</summary>
    public void TransferOffered(string callId, string interactionId, string agentId, IReadOnlyList<string> extensions)
    {
        var posted = TryPost(callId, () =>
        {
            if (!calls.TryGetCustomerCall(callId, out var call) || call.Transfer is not { } transfer)
            {
                return; // The customer left; the inbox finalizes the interaction from her BYE.
            }

            if (transfer.Target is { } previous)
            {
                transfer.Target = null;
                DropTarget(call, previous, "offered to another agent");
            }

            RingAgent(call, agentId, interactionId, extensions, taken: false, leg => transfer.Target = leg);
        });
        if (!posted)
        {
            _ = RejectAsync(callId, agentId, interactionId);
        }
    }

    /// <summary>The transfer is no longer offered to <paramref name="agentId"/>: her phone stops ringing, or the consult ends. Any thread.</summary>
    public void TransferOfferEnded(string callId, string agentId) => OnLiveCall(callId, call =>
    {
        if (call.Transfer is { Target: { } leg } transfer && leg.AgentId == agentId)
        {
            transfer.Target = null;
            EndConsult(transfer);
            DropTarget(call, leg, "the transfer offer ended");
            Publish(call, CallChange.State, detail: "the transfer target is no longer called");
        }
    });

    /// <summary>
    /// <paramref name="agentId"/> has the call now (her phone answered a blind transfer, or the agent completed the
    /// consult): the customer is bridged to her and the agent's phone is let go. Any thread.
    /// </summary>
    public void TransferAccepted(string callId, string agentId) => OnLiveCall(callId, call =>
    {
        if (call.Transfer is not { Target: { } leg } transfer || leg.AgentId != agentId)
        {
            return;
        }

        call.Transfer = null;
        EndConsult(transfer);
        DropAgent(call, "the call was transferred");
        leg.Accepted = true;
        call.Agent = leg;
        if (leg.State is OutgoingLegState.Answered or OutgoingLegState.Bridged && leg.Media is { } targetMedia)
        {
            call.Bridge = media.Bridge(call.CustomerMedia!, targetMedia);
            StartFeatures(call);
            ApplyMedia(call);
            leg.State = OutgoingLegState.Bridged;
        }

        // Accepted from her UI while her phone still rings: answering bridges, as after a take.
        TelephonyLog.TransferCompleted(logger, callId, agentId);
        Publish(call, CallChange.State, 200, "the call was transferred");
    });

    /// <summary>
    /// Nobody took the transfer: the customer goes back to <paramref name="agentId"/>, at once if her phone is still
    /// on the call (attended), else by ringing it again (blind). Any thread.
    /// </summary>
    public void TransferReturned(string callId, string interactionId, string agentId, IReadOnlyList<string> extensions) => OnLiveCall(callId, call =>
    {
        HangUpTransfer(call);
        TelephonyLog.TransferReturned(logger, callId, agentId);
        if (call.Agent is { State: OutgoingLegState.Bridged, Media: { } agentMedia })
        {
            call.Bridge = media.Bridge(call.CustomerMedia!, agentMedia);
            StartFeatures(call);
            ApplyMedia(call);
            Publish(call, CallChange.State, detail: "the transfer returned to the agent");
            return;
        }

        Publish(call, CallChange.State, detail: "the transfer returned: ringing the agent again");
        Ring(callId, interactionId, agentId, extensions, taken: true);
    });

    // The target's phone answered: a blind transfer (or one whose agent has hung up) is hers at once; an attended
    // one first connects her to the agent.
    private void OnTargetAnswered(TelephonyCall call, CallTransfer transfer, OutgoingLeg leg)
    {
        Publish(call, CallChange.Progress, 200, "the transfer target answered");
        var consult = transfer.Mode == TransferMode.Attended && call.Agent is { State: OutgoingLegState.Bridged };
        _ = RecordTargetAnswerAsync(call, leg, consult);
    }

    private async Task RecordTargetAnswerAsync(TelephonyCall call, OutgoingLeg leg, bool consult)
    {
        Exception? failure = null;
        try
        {
            await (consult
                ? inbox.TransferAnsweredAsync(leg.AgentId, leg.InteractionId, CancellationToken.None)
                : inbox.AcceptAsync(leg.AgentId, leg.InteractionId, CancellationToken.None)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
        }

        TryPost(call.CallId, () => OnTargetAnswerRecorded(call, leg, consult, failure));
    }

    private void OnTargetAnswerRecorded(TelephonyCall call, OutgoingLeg leg, bool consult, Exception? failure)
    {
        if (failure is not null)
        {
            // The transfer was over by the time she answered (timed out, cancelled): her phone is hung up.
            TelephonyLog.InboxFailed(logger, call.CallId, "record the transfer target's answer", failure);
            Detach(call, leg);
            DropTarget(call, leg, "the transfer was over");
            return;
        }

        if (!consult || call.Transfer is not { } transfer || !ReferenceEquals(transfer.Target, leg) || leg.State != OutgoingLegState.Answered)
        {
            return; // Accepted: the inbox's notice bridges her.
        }

        if (call.Agent is not { State: OutgoingLegState.Bridged, Media: { } agentMedia })
        {
            // The agent hung up while the target's phone answered: the call is the target's.
            _ = RecordTargetAnswerAsync(call, leg, consult: false);
            return;
        }

        transfer.Consult = media.Bridge(agentMedia, leg.Media!);
        leg.State = OutgoingLegState.Bridged;
        Publish(call, CallChange.State, 200, "the agent and the transfer target are talking");
    }

    // A BYE from the target's phone (she hung up the consult) or from the agent's during a transfer; false for any other.
    private bool OnTransferLegBye(TelephonyCall call, SipRequest bye, SipServerTransaction transaction)
    {
        if (call.Transfer is not { } transfer)
        {
            return false;
        }

        if (transfer.Target is { } target && IsAnsweredDialogOf(target, bye))
        {
            _ = SendAsync(call, transaction, SipResponseFactory.Create(bye, 200, source: transaction.Source.Address));
            TargetLeftConsult(call, transfer, target, byPhone: true, "the transfer target hung up");
            return true;
        }

        if (call.Agent is { } agent && IsAnsweredDialogOf(agent, bye))
        {
            _ = SendAsync(call, transaction, SipResponseFactory.Create(bye, 200, source: transaction.Source.Address));
            AgentLeftTransfer(call, transfer, agent, byPhone: true, "the agent hung up during the transfer");
            return true;
        }

        return false;
    }

    /// <summary>
    /// The target left the consult: her phone hung up (<paramref name="byPhone"/>) or is gone and gets our BYE. The
    /// inbox returns a consulted transfer to the agent, whatever its target.
    /// </summary>
    private void TargetLeftConsult(TelephonyCall call, CallTransfer transfer, OutgoingLeg target, bool byPhone, string detail)
    {
        transfer.Target = null;
        EndConsult(transfer);
        LetGo(call, target, byPhone);
        _ = RejectAsync(call.CallId, target.AgentId, target.InteractionId);
        Publish(call, CallChange.State, detail: detail);
    }

    /// <summary>
    /// The agent left during the transfer: her phone hung up (<paramref name="byPhone"/>) or is gone and gets our BYE.
    /// Leaving during the consult hands the call over to the target, as on a PBX.
    /// </summary>
    private void AgentLeftTransfer(TelephonyCall call, CallTransfer transfer, OutgoingLeg agent, bool byPhone, string detail)
    {
        StopMonitor(call, "the agent left during the transfer", byPhone: false);
        call.Agent = null;
        call.Bridge = null;
        var consulted = transfer.Consult is not null ? transfer.Target : null;
        var consultedNumber = transfer.Consult is not null ? transfer.External : null;
        EndConsult(transfer);
        LetGo(call, agent, byPhone);
        if (consulted is not null)
        {
            _ = RecordTargetAnswerAsync(call, consulted, consult: false);
        }
        else if (consultedNumber is not null)
        {
            _ = RecordExternalAnswerAsync(call, transfer, consultedNumber, consult: false);
        }

        Publish(call, CallChange.State, detail: detail);
    }

    // A phone's leg the call is done with: the phone hung up (its dialog ends here), or we hang it up with BYE.
    private void LetGo(TelephonyCall call, OutgoingLeg leg, bool byPhone)
    {
        if (!byPhone)
        {
            ByeAgent(call, leg);
            return;
        }

        leg.Dialog?.Terminate();
        ReleaseLeg(leg);
    }

    /// <summary>The call is ending or the transfer is over: the target's phone stops and the consult with it.</summary>
    private void HangUpTransfer(TelephonyCall call)
    {
        if (call.Transfer is not { } transfer)
        {
            return;
        }

        call.Transfer = null;
        EndConsult(transfer);
        if (transfer.Target is { } leg)
        {
            DropTarget(call, leg, "the transfer is over");
        }

        if (transfer.External is { } number)
        {
            transfer.External = null;
            HangUpExternal(number);
        }

        if (transfer.Refer is { } refer)
        {
            NotifyRefer(call, refer, 487, "Request Terminated");
        }
    }

    // The agent's and the target's media stop reaching each other before either leg is let go.
    private static void EndConsult(CallTransfer transfer)
    {
        transfer.Consult?.Hold();
        transfer.Consult = null;
    }

    private void DropTarget(TelephonyCall call, OutgoingLeg leg, string reason)
    {
        if (leg.State == OutgoingLegState.Ringing)
        {
            CancelLeg(call, leg, reason);
        }
        else if (leg.State != OutgoingLegState.Ended)
        {
            ByeAgent(call, leg);
        }
    }

    private static bool RequireNoTransfer(TelephonyCall call, string action)
    {
        RequireConnected(call, action);
        if (call is AgentCall)
        {
            // A call between two agents has no interaction to move, nor a customer to hold.
            throw InboxException.Precondition($"Cannot {action} a call between agents.");
        }

        RequireNoConference(call, action);
        return call.Transfer is null ? true : throw InboxException.Precondition($"Cannot {action}: a transfer is already under way.");
    }

    /// <summary>Whether <paramref name="leg"/> is one the call still waits on: its agent's, its transfer's target, an agent call's callee, a conference participant's or a listening supervisor's.</summary>
    private static bool IsCurrent(TelephonyCall call, OutgoingLeg leg) =>
        ReferenceEquals(call.Agent, leg) || IsTransferTarget(call, leg) || (call is AgentCall agentCall && ReferenceEquals(agentCall.Callee, leg))
        || IsConferenceLeg(call, leg) || IsMonitorLeg(call, leg);

    private static bool IsTransferTarget(TelephonyCall call, OutgoingLeg leg) => ReferenceEquals(call.Transfer?.Target, leg);

    /// <summary>Forgets <paramref name="leg"/> wherever the call keeps it.</summary>
    private static void Detach(TelephonyCall call, OutgoingLeg leg)
    {
        if (ReferenceEquals(call.Agent, leg))
        {
            call.Agent = null;
        }

        if (call.Transfer is { } transfer && ReferenceEquals(transfer.Target, leg))
        {
            transfer.Target = null;
        }
    }

    // The request (BYE, REFER) is in the answered dialog of this leg: its Call-ID, the phone's tag as From, ours as To.
    private static bool IsAnsweredDialogOf(OutgoingLeg leg, SipRequest request) =>
        leg is { Dialog: { } dialog, State: OutgoingLegState.Answered or OutgoingLegState.Bridged } && leg.CallId == request.CallId
        && string.Equals(dialog.Id.RemoteTag, request.From.Tag, StringComparison.Ordinal)
        && string.Equals(dialog.Id.LocalTag, request.To.Tag, StringComparison.Ordinal);

    /// <summary>Runs <paramref name="work"/> on the call's executor if the call is still live.</summary>
    private void OnLiveCall(string callId, Action<TelephonyCall> work) => TryPost(callId, () =>
    {
        if (calls.TryGetCustomerCall(callId, out var call))
        {
            work(call);
        }
    });
}

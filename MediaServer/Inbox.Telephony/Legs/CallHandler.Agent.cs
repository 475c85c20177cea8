using Inbox.Interactions.Calls;
using Inbox.Media.Sdp;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// The agent's phone answered: ACK, the inbox records that she accepted, the legs are bridged. Then either side
/// hanging up sends BYE to the other and ends the interaction in the inbox.
/// </summary>
internal sealed partial class CallHandler
{
    private void OnForkAnswered(TelephonyCall call, OutgoingLeg leg, OutgoingFork fork, SipResponse response)
    {
        if (leg.Winner is not null || leg.State != OutgoingLegState.Ringing || !IsCurrent(call, leg) || call.IsEnded)
        {
            AckAndBye(call, fork.Invite, fork.Destination, response);
            return;
        }

        try
        {
            leg.Dialog = SipDialog.CreateAsUac(fork.Invite, response);
        }
        catch (Exception e) when (e is SipFormatException or ArgumentException)
        {
            TelephonyLog.AgentCallFailed(logger, call.CallId, leg.AgentId, response.StatusCode, e.Message);
            return;
        }

        leg.Winner = fork;
        leg.State = OutgoingLegState.Answered;
        leg.Ack = leg.Dialog.CreateAck(fork.Invite.CSeq.Number, NewVia(LocalFor(fork.Destination))).BuildRequest();
        _ = SendStatelessAsync(call, leg.Ack, fork.Destination);
        foreach (var other in leg.Forks)
        {
            if (!ReferenceEquals(other, fork) && !other.Done)
            {
                other.CancelWanted = true;
                if (other.Proceeding)
                {
                    SendCancel(other);
                }
            }
        }

        var outcome = media.Complete(leg.Offer!, response.Body.Span);
        if (outcome.Leg is not { } agentMedia)
        {
            TelephonyLog.AgentCallFailed(logger, call.CallId, leg.AgentId, outcome.StatusCode, outcome.Reason!);
            Detach(call, leg);
            ByeAgent(call, leg);
            if (IsMonitorLeg(call, leg))
            {
                StopMonitor(call, "his phone answered with unusable media: " + outcome.Reason, byPhone: true);
                return;
            }

            if (OnParticipantFailed(call, leg, outcome.StatusCode))
            {
                return;
            }

            if (call is OutboundCall { State: OutboundCallState.RingingAgent } outbound)
            {
                FailOutbound(outbound, outcome.StatusCode, "failed: the agent's phone answered with unusable media: " + outcome.Reason);
            }
            else
            {
                _ = RejectAsync(call.CallId, leg.AgentId, leg.InteractionId);
            }

            return;
        }

        leg.Media = agentMedia;
        leg.Session = new LegSession(leg.Dialog, fork.Destination, AgentContact(fork.Destination), agentMedia);
        AdoptSessionTimer(call, leg.Session, response);
        WatchLeg(call, agentMedia, agentMedia.Media.RemoteDirection);
        if (IsMonitorLeg(call, leg))
        {
            OnMonitorAnswered(call, leg);
            return;
        }

        if (IsConferenceLeg(call, leg))
        {
            OnParticipantAnswered(call, leg);
            return;
        }

        call.HeldByPhone = !agentMedia.Media.RemoteDirection.CanReceive();
        switch (call)
        {
            case OutboundCall { State: OutboundCallState.RingingAgent } outbound:
                OnAgentAnswered(outbound, leg);
                return;
            case AgentCall agentCall:
                OnAgentCallLegAnswered(agentCall, leg);
                return;
        }

        // A phone answering for a call with a customer: an offer, a transfer's target, a retrieve or a ring-back.
        if (IsTransferTarget(call, leg))
        {
            OnTargetAnswered(call, call.Transfer!, leg);
        }
        else if (leg.Accepted)
        {
            OnAccepted(call, leg, failure: null); // Taken from the queue (or retrieved, rung back): hers already.
        }
        else
        {
            _ = AcceptAsync(call, leg);
        }
    }

    private async Task AcceptAsync(TelephonyCall call, OutgoingLeg leg)
    {
        Exception? failure = null;
        try
        {
            await inbox.AcceptAsync(leg.AgentId, leg.InteractionId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
        }

        TryPost(call.CallId, () => OnAccepted(call, leg, failure));
    }

    private void OnAccepted(TelephonyCall call, OutgoingLeg leg, Exception? failure)
    {
        if (failure is not null)
        {
            // The offer was gone by the time she answered (expired, withdrawn): her phone is hung up, the caller waits on.
            TelephonyLog.InboxFailed(logger, call.CallId, "accept the offer", failure);
            if (ReferenceEquals(call.Agent, leg))
            {
                call.Agent = null;
            }

            ByeAgent(call, leg);
            return;
        }

        leg.Accepted = true;
        if (!ReferenceEquals(call.Agent, leg) || leg.State != OutgoingLegState.Answered || call.IsEnded)
        {
            // Someone hung up while the inbox was recording the answer; the hang-up already ended the interaction.
            if (leg.State != OutgoingLegState.Ended)
            {
                ByeAgent(call, leg);
            }

            return;
        }

        if (call is InboundCall { State: InboundCallState.Ringing } ringing)
        {
            Answer(ringing);
        }

        var customer = call.CustomerMedia!;
        call.Bridge = media.Bridge(customer, leg.Media!);
        StartFeatures(call);
        ApplyMedia(call);
        leg.State = OutgoingLegState.Bridged;
        call.ConnectedAt ??= timeProvider.GetUtcNow();
        call.RingingBack = null;
        TelephonyLog.CallBridged(logger, call.CallId, leg.AgentId, customer.Media.Codec.EncodingName, leg.Media!.Media.Codec.EncodingName);
        Publish(call, CallChange.State, 200, "the agent's phone answered");
    }

    /// <summary>The caller's side is ending: cancel the ringing phones or hang up the answered ones, a transfer's too.</summary>
    private void HangUpAgent(TelephonyCall call)
    {
        StopMonitor(call, "the call ended", byPhone: false);
        HangUpConference(call);
        HangUpTransfer(call);
        DropAgent(call, "the caller left");
    }

    /// <summary>Lets the agent's phone go: CANCEL while it rings, BYE once answered.</summary>
    private void DropAgent(TelephonyCall call, string reason)
    {
        StopMonitor(call, "the agent left the call", byPhone: false);
        if (call.Agent is not { } leg)
        {
            return;
        }

        DetachFeatures(call);
        call.Agent = null;
        call.Bridge = null;
        if (leg.State == OutgoingLegState.Ringing)
        {
            CancelLeg(call, leg, reason);
        }
        else if (leg.State != OutgoingLegState.Ended)
        {
            ByeAgent(call, leg);
        }
    }

    private void ByeAgent(TelephonyCall call, OutgoingLeg leg)
    {
        if (leg.Dialog is { } dialog && leg.Winner is { } fork && leg.State != OutgoingLegState.Ended)
        {
            dialog.Terminate();
            StartClientTransaction(dialog.CreateRequest(SipMethod.Bye, NewVia(LocalFor(fork.Destination))).BuildRequest(), fork.Destination);
        }

        TelephonyLog.AgentCallCancelled(logger, call.CallId, leg.AgentId, "hung up by the server");
        ReleaseLeg(leg);
    }

    /// <summary>A BYE on an agent leg's Call-ID: handled on the caller's executor, which owns both legs.</summary>
    private void OnAgentBye(TelephonyCall call, SipRequest bye, SipServerTransaction transaction)
    {
        if (call is AgentCall agentCall)
        {
            OnAgentCallBye(agentCall, bye, transaction);
            return;
        }

        if (OnMonitorBye(call, bye, transaction) || OnConferenceBye(call, bye, transaction) || OnTransferLegBye(call, bye, transaction))
        {
            return;
        }

        var leg = call.Agent;
        var ours = leg is { Dialog: { } dialog } && leg.CallId == bye.CallId && leg.State is OutgoingLegState.Answered or OutgoingLegState.Bridged
            && string.Equals(dialog.Id.RemoteTag, bye.From.Tag, StringComparison.Ordinal) && string.Equals(dialog.Id.LocalTag, bye.To.Tag, StringComparison.Ordinal);
        _ = SendAsync(call, transaction, SipResponseFactory.Create(bye, ours ? 200 : 481, source: transaction.Source.Address));
        if (!ours)
        {
            return;
        }

        leg!.Dialog!.Terminate();
        call.Agent = null;
        call.Bridge = null;
        ReleaseLeg(leg);
        HangUpCustomer(call, "the agent hung up");
        call.InteractionId = null;
        if (leg.Accepted)
        {
            _ = FinalizeAsync(call.CallId, leg.AgentId, leg.InteractionId);
        }
    }

    // The caller's dialog from our 200 (RFC 3261 §12.1.1): BYE with its route set, tags and the next CSeq.
    private void ByeCaller(InboundCall call)
    {
        if (call.Dialog is not { } dialog || call.State == InboundCallState.Ended)
        {
            return;
        }

        dialog.Terminate();
        var destination = call.Transaction.Source;
        StartClientTransaction(dialog.CreateRequest(SipMethod.Bye, NewVia(LocalFor(destination))).BuildRequest(), destination);
    }

    private async Task RejectAsync(string callId, string agentId, string interactionId)
    {
        try
        {
            await inbox.RejectAsync(agentId, interactionId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The offer may have ended meanwhile (expired, customer gone): nothing is left to reject.
            TelephonyLog.InboxFailed(logger, callId, "reject the offer", e);
        }
    }

    private async Task FinalizeAsync(string callId, string agentId, string interactionId)
    {
        try
        {
            await inbox.FinalizeAsync(agentId, interactionId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            TelephonyLog.InboxFailed(logger, callId, "finalize the interaction", e);
        }
    }

    private Task SendAsync(TelephonyCall call, SipServerTransaction transaction, SipResponse response) => SendAsync(call.CallId, transaction, response);

    private bool TryPost(string callId, Action work)
    {
        if (_executor is not null && _executor.TryPost(callId, work))
        {
            return true;
        }

        TelephonyLog.ExecutorOverloaded(logger, callId);
        return false;
    }
}

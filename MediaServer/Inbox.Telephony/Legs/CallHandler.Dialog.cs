using Inbox.Interactions.Calls;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;

namespace Inbox.Telephony.Legs;

/// <summary>The rest of an inbound call's dialog: ACK, 2xx retransmission, CANCEL, BYE and the clean-up they share.</summary>
internal sealed partial class CallHandler
{
    public void OnAck(SipRequest ack, SipEndPoint source)
    {
        // An ACK in a phone's or a trunk's dialog (for our 2xx to its re-INVITE) is the served call's to handle.
        if (calls.TryGetByOutgoingLeg(ack.CallId, out var owner) || calls.TryGetByTrunkLeg(ack.CallId, out owner, out _))
        {
            TryPost(owner.CallId, () => OnSessionAck(owner, ack));
            return;
        }

        if (!calls.TryGetInbound(ack.CallId, out var call) || !call.Owns(ack))
        {
            return;
        }

        if (call.State == InboundCallState.Answered && call.Pending is { } pending && pending.IsAckedBy(ack))
        {
            call.State = InboundCallState.Confirmed;
            pending.Stop();
            return;
        }

        OnSessionAck(call, ack);
    }

    public void OnCancel(SipServerTransaction invite)
    {
        if (CancelPhoneDial(invite) || CancelUnroutedPhoneCall(invite))
        {
            return;
        }

        if (!calls.TryGetInbound(invite.Request.CallId, out var call) || !ReferenceEquals(call.Transaction, invite) || call.State != InboundCallState.Ringing)
        {
            return; // Already answered: the CANCEL has no effect and the caller must send BYE (RFC 3261 §9.2).
        }

        End(call, "cancelled by the caller");
        _ = SendAsync(call, Response(call, 487).BuildResponse(), default);
        Abandon(call);
    }

    /// <summary>A BYE on the call's executor: 200 for our dialog (ending the call), 481 for none (RFC 3261 §15.1.2).</summary>
    public async Task HandleByeAsync(SipRequest bye, SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        if (TryHandleTrunkBye(bye, transaction))
        {
            return;
        }

        if (calls.TryGetByOutgoingLeg(bye.CallId, out var served))
        {
            // The agent's phone hung up: both legs belong to the caller's executor, so the work moves there.
            if (!TryPost(served.CallId, () => OnAgentBye(served, bye, transaction)))
            {
                await transaction.SendResponseAsync(SipResponseFactory.Create(bye, 503, source: transaction.Source.Address), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var found = calls.TryGetInbound(bye.CallId, out var call) && call!.Owns(bye) && call.State != InboundCallState.Ended;
        var response = SipResponseFactory.Create(bye, found ? 200 : 481, source: transaction.Source.Address);
        if (found)
        {
            var talking = IsTalking(call!);
            call!.Dialog?.Terminate();
            End(call, "the caller hung up");
            Abandon(call, talking);
        }

        await transaction.SendResponseAsync(response, cancellationToken).ConfigureAwait(false);
    }

    // RFC 3261 §13.3.1.4: a 2xx is resent at T1, doubling up to T2, until the ACK; without one after 64·T1 the
    // dialog ends (§14.2 for a re-INVITE's). Over TCP it is sent once and only the deadline is armed.
    private void ArmResend(TelephonyCall call, PendingAnswer pending, Action noAck)
    {
        var reliable = pending.Transaction.Source.IsReliable;
        var left = timers.TransactionTimeout - timeProvider.GetElapsedTime(pending.SentAt);
        var due = reliable || pending.Interval > left ? left : pending.Interval;
        pending.Timer?.Dispose();
        pending.Timer = timeProvider.CreateTimer(_ => Post(call, () => OnResend(call, pending, noAck)), null, due, Timeout.InfiniteTimeSpan);
    }

    private void OnResend(TelephonyCall call, PendingAnswer pending, Action noAck)
    {
        if (pending.Done || call.IsEnded)
        {
            return;
        }

        if (timeProvider.GetElapsedTime(pending.SentAt) >= timers.TransactionTimeout)
        {
            pending.Stop();
            noAck();
            return;
        }

        _ = SendAsync(call, pending.Transaction, pending.Ok);
        pending.Interval = TimeSpan.FromTicks(Math.Min(pending.Interval.Ticks * 2, timers.T2.Ticks));
        ArmResend(call, pending, noAck);
    }

    /// <summary>
    /// Ends a call from the server's side (session expired, no RTP, no ACK, shutdown): BYE to the caller and to the
    /// agent's phone (or CANCEL while it rings), and the interaction ends as if the caller had hung up.
    /// </summary>
    private void HangUp(InboundCall call, string reason)
    {
        if (call.State == InboundCallState.Ended)
        {
            return;
        }

        var talking = IsTalking(call);
        HangUpCustomer(call, reason);
        Abandon(call, talking);
    }

    /// <summary>Ends any call from the server's side, each kind as its own hang-up does (BYE or CANCEL to every leg).</summary>
    private void HangUpFromServer(TelephonyCall call, string reason)
    {
        switch (call)
        {
            case InboundCall inbound:
                HangUp(inbound, reason);
                break;
            case OutboundCall outbound:
                End(outbound, reason);
                EndInteraction(outbound, reason);
                break;
            case AgentCall agentCall:
                EndAgentCall(agentCall, 0, reason);
                break;
        }
    }

    // Once she has talked to an agent (and so while parked or being rung back), the call is the agent's to finalize.
    private static bool IsTalking(InboundCall call) =>
        call.ConnectedAt is not null || call.Agent is { Accepted: true, State: OutgoingLegState.Bridged or OutgoingLegState.Answered };

    // Releases the call's media and forgets it; the interaction is ended by Abandon once its id is known.
    private void End(InboundCall call, string reason)
    {
        LetGoOfCustomer(call);
        call.State = InboundCallState.Ended;
        call.Timer?.Dispose();
        call.Timer = null;
        call.Pending?.Stop();
        call.Session?.Close();
        ForgetLeg(call.Leg);
        call.Leg.Dispose();
        calls.Remove(call);
        TelephonyLog.CallEnded(logger, call.CallId, reason);
        Publish(call, CallChange.State, detail: reason);
    }

    /// <summary>The customer's side is ending, whichever way the call was placed: everyone serving her is let go.</summary>
    private void LetGoOfCustomer(TelephonyCall call)
    {
        StopFeatures(call);
        HangUpAgent(call);
        if (call.TransferredTo is { } number)
        {
            call.TransferredTo = null;
            HangUpExternal(number);
        }

        Unpark(call);
    }

    // talking: she was connected to an agent, so the interaction is finalized (wrap-up) rather than abandoned.
    private void Abandon(InboundCall call, bool talking = false)
    {
        if (call.InteractionId is { } id)
        {
            call.InteractionId = null;
            _ = AbandonAsync(call.CallId, id, talking);
        }
    }

    private async Task AbandonAsync(string callId, string interactionId, bool talking)
    {
        try
        {
            await (talking ? inbox.CustomerHungUpAsync(interactionId, CancellationToken.None) : inbox.AbandonAsync(interactionId, CancellationToken.None))
                .ConfigureAwait(false);
        }
        catch (Exception e)
        {
            TelephonyLog.InboxFailed(logger, callId, "end the interaction as abandoned", e);
        }
    }
}

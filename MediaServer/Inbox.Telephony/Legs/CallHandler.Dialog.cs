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
        if (calls.TryGetInbound(ack.CallId, out var call) && call.Owns(ack) && call.State == InboundCallState.Answered
            && ack.CSeq.Number == call.Invite.CSeq.Number)
        {
            call.State = InboundCallState.Confirmed;
            call.Timer?.Dispose();
            call.Timer = null;
        }
    }

    public void OnCancel(SipServerTransaction invite)
    {
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
            // Once she has talked to an agent (and so while parked or being rung back), the call is hers to finalize.
            var talking = call!.ConnectedAt is not null || call.Agent is { Accepted: true, State: OutgoingLegState.Bridged or OutgoingLegState.Answered };
            call.Dialog?.Terminate();
            End(call, "the caller hung up");
            Abandon(call, talking);
        }

        await transaction.SendResponseAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private void ArmTimer(InboundCall call, TimeSpan due)
    {
        call.Timer?.Dispose();
        call.Timer = timeProvider.CreateTimer(_ => Post(call, () => OnTimer(call)), null, due, Timeout.InfiniteTimeSpan);
    }

    // RFC 3261 §13.3.1.4: the 2xx is resent at T1, doubling up to T2, until the ACK; without one after 64·T1 the call ends.
    private void OnTimer(InboundCall call)
    {
        if (call.State != InboundCallState.Answered)
        {
            return;
        }

        if (timeProvider.GetElapsedTime(call.AnsweredAt) >= timers.TransactionTimeout)
        {
            End(call, "no ACK for the 200 OK");
            Abandon(call);
            return;
        }

        _ = SendAsync(call, call.Ok!, default);
        call.OkInterval = TimeSpan.FromTicks(Math.Min(call.OkInterval.Ticks * 2, timers.T2.Ticks));
        var left = timers.TransactionTimeout - timeProvider.GetElapsedTime(call.AnsweredAt);
        ArmTimer(call, call.OkInterval < left ? call.OkInterval : left);
    }

    // Releases the call's media and forgets it; the interaction is ended by Abandon once its id is known.
    private void End(InboundCall call, string reason)
    {
        HangUpAgent(call);
        Unpark(call);
        call.State = InboundCallState.Ended;
        call.Timer?.Dispose();
        call.Timer = null;
        call.Leg.Dispose();
        calls.Remove(call);
        TelephonyLog.CallEnded(logger, call.CallId, reason);
        Publish(call, CallChange.State, detail: reason);
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

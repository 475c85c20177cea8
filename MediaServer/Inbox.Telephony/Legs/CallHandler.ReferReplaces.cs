using Inbox.Interactions.Calls;
using Inbox.Interactions.Interactions;
using Inbox.Media.Sdp;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Attended transfers the agent's phone completes itself (RFC 5589 §7): she holds the customer, calls a teammate
/// through the server (an <see cref="AgentCall"/>, the consult) and sends REFER in the customer's dialog with a
/// Refer-To naming the consult in Replaces (RFC 3891). The server is both the transferee and the target's user agent
/// here, so instead of an INVITE with Replaces it moves the teammate's leg from the consult into the customer's call:
/// her phone is not rung again, the consult ends (both agents see it ENDED) and the inbox makes the interaction hers
/// (<c>TransferConnectedAsync</c>). The REFER is accepted (202, NOTIFY 100) and its outcome NOTIFYed as the INVITE with
/// Replaces would have ended (RFC 3515 §2.4.5): 200 once she talks to the customer, then BYE to both of the agent's
/// dialogs; 481 when no consult of this server has the dialog, 403 when it is not the referring agent's (RFC 3891 §3),
/// the inbox's refusal otherwise, and the customer stays with the agent. Transferring while the teammate's phone still
/// rings (semi-attended) ends the consult and goes on as a blind transfer to her, as a REFER without Replaces does.
/// </summary>
/// <remarks>
/// The customer's call and the consult live on different executors (their Call-IDs): the consult is checked on its
/// executor, the inbox asked, then the consult's executor detaches the teammate's leg and registers its Call-ID under
/// the customer's call (so her BYE, re-INVITE and INFO reach it) before posting the leg to the customer call's executor.
/// A 481 on the REFER itself would tell the phone its customer dialog is gone (RFC 5057 §5.1), hence the NOTIFY.
/// </remarks>
internal sealed partial class CallHandler
{
    /// <summary>Starts the handoff on the customer call's executor: the call holds, the REFER is accepted, the consult is looked up.</summary>
    private void ReferReplacing(TelephonyCall call, OutgoingLeg leg, SipRequest refer, SipServerTransaction transaction, ReferSubscription subscription, SipReplaces replaces)
    {
        if (call.InteractionId is not { } interactionId)
        {
            RefuseRefer(call, refer, transaction, 403, "the call is no longer an interaction of the inbox");
            return;
        }

        TelephonyLog.ConsultReplacing(logger, call.CallId, leg.AgentId, replaces.CallId);
        var transfer = new CallTransfer(TransferMode.Attended) { Refer = subscription };
        call.Transfer = transfer;
        ApplyMedia(call);
        _ = SendAsync(call, transaction, SipResponseFactory.Create(refer, 202, source: transaction.Source.Address));
        NotifyRefer(call, subscription, 100, "Trying");
        var handoff = new ConsultHandoff(call, transfer, leg.AgentId, interactionId, replaces.DialogId);
        if (!calls.TryGetByOutgoingLeg(replaces.CallId, out var consult) || consult is not AgentCall agentCall)
        {
            HandoffFailed(handoff, 481, "Replaces names no call with a teammate on this server");
            return;
        }

        if (!TryPost(agentCall.CallId, () => CheckConsult(agentCall, handoff)))
        {
            HandoffFailed(handoff, 503, "call control is overloaded");
        }
    }

    // On the consult's executor: is it hers and answered? The answer goes back to the customer call's executor.
    private void CheckConsult(AgentCall consult, ConsultHandoff handoff)
    {
        var (status, reason, target) = Consultee(consult, handoff);
        if (status == RingingStatus)
        {
            var teammate = target!.AgentId;
            TryPost(handoff.Call.CallId, () => TransferToRingingTeammate(handoff, consult, teammate));
            return;
        }

        TryPost(handoff.Call.CallId, () =>
        {
            if (target is null)
            {
                HandoffFailed(handoff, status, reason);
            }
            else if (IsHandingOff(handoff))
            {
                _ = RecordConnectedTransferAsync(consult, handoff, target.AgentId);
            }
        });
    }

    // On the customer call's executor, transferred before the teammate answered (semi-attended): the consult ends, and
    // the REFER goes on as a blind transfer to her (its NOTIFYs with it), which rings her anew under the transfer's
    // timeout and hands the call back if she does not answer.
    private void TransferToRingingTeammate(ConsultHandoff handoff, AgentCall consult, string teammate)
    {
        if (!IsHandingOff(handoff))
        {
            return; // The customer left meanwhile: the consult goes on.
        }

        if (!TryPost(consult.CallId, () => EndAgentCall(consult, 487, $"{handoff.AgentId}'s phone transferred a customer's call to {teammate} before she answered")))
        {
            HandoffFailed(handoff, 503, "call control is overloaded");
            return;
        }

        var call = handoff.Call;
        call.Transfer = new CallTransfer(TransferMode.Blind) { Refer = handoff.Refer };
        ApplyMedia(call);
        _ = ReferTransferAsync(call, handoff.Refer, handoff.AgentId, handoff.InteractionId, (TransferTargetKind.Agent, teammate));
    }

    private async Task RecordConnectedTransferAsync(AgentCall consult, ConsultHandoff handoff, string targetId)
    {
        try
        {
            await inbox.TransferConnectedAsync(handoff.AgentId, handoff.InteractionId, targetId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var (status, reason) = StatusOf(e);
            TryPost(handoff.Call.CallId, () => HandoffFailed(handoff, status, $"{reason}: {e.Message}"));
            return;
        }

        if (!TryPost(consult.CallId, () => DetachConsultee(consult, handoff, targetId)))
        {
            TryPost(handoff.Call.CallId, () => ConsulteeGone(handoff, targetId));
        }
    }

    // On the consult's executor, the inbox having made the call hers: her leg leaves the consult, which ends.
    private void DetachConsultee(AgentCall consult, ConsultHandoff handoff, string targetId)
    {
        if (Consultee(consult, handoff) is not (200, _, { } target) || target.AgentId != targetId)
        {
            TryPost(handoff.Call.CallId, () => ConsulteeGone(handoff, targetId));
            return;
        }

        if (ReferenceEquals(consult.Callee, target))
        {
            consult.Callee = null;
        }
        else
        {
            consult.Agent = null;
        }

        consult.Bridge?.Hold();
        consult.Bridge = null;
        calls.AddOutgoingLeg(handoff.Call, target);
        EndAgentCall(consult, 200, $"{handoff.AgentId}'s phone transferred the call to a customer's call");
        if (!TryPost(handoff.Call.CallId, () => JoinConsultee(handoff, target)))
        {
            ByeAgent(consult, target);
        }
    }

    // On the customer call's executor: the teammate takes the referring agent's place.
    private void JoinConsultee(ConsultHandoff handoff, OutgoingLeg target)
    {
        var call = handoff.Call;
        if (!IsHandingOff(handoff))
        {
            // The customer left meanwhile: the teammate is let go; the customer's hang-up ended the interaction.
            ByeAgent(call, target);
            return;
        }

        call.Transfer = null;
        NotifyRefer(call, handoff.Refer, 200, "OK");
        DropAgent(call, "the agent's phone transferred the call");
        target.InteractionId = handoff.InteractionId;
        target.Accepted = true;
        target.State = OutgoingLegState.Bridged;
        call.Agent = target;
        call.HeldByPhone = target.Session is { } session && !session.RemoteDirection.CanReceive();
        call.Bridge = media.Bridge(call.CustomerMedia!, target.Media!);
        StartFeatures(call);
        ApplyMedia(call);
        AdoptTimers(call, target);
        TelephonyLog.ConsultHandedOver(logger, call.CallId, target.AgentId, handoff.Consult.CallId);
        Publish(call, CallChange.State, 200, $"the call was transferred to {target.AgentId}");
    }

    // The leg's RTP watch and session timer were the consult's: they answer to the customer's call from now on. The
    // session timer counts afresh, and a refresh the consult had in flight is forgotten (its answer goes to the consult).
    private void AdoptTimers(TelephonyCall call, OutgoingLeg leg)
    {
        if (leg.Session is not { } session)
        {
            return;
        }

        session.Outgoing = null;
        WatchLeg(call, session.Media, session.RemoteDirection);
        if (session.Interval > TimeSpan.Zero)
        {
            StartSessionTimer(call, session, session.Interval, session.WeRefresh);
        }
    }

    // The consult ended while the inbox was making the call hers: as if she had hung up on the customer.
    private void ConsulteeGone(ConsultHandoff handoff, string targetId)
    {
        var call = handoff.Call;
        TelephonyLog.ConsultGone(logger, call.CallId, handoff.Consult.CallId);
        if (!IsHandingOff(handoff))
        {
            return;
        }

        call.Transfer = null;
        NotifyRefer(call, handoff.Refer, 481, "Call/Transaction Does Not Exist");
        HangUpCustomer(call, $"{targetId} hung up as the call was transferred to her");
        call.InteractionId = null;
        _ = FinalizeAsync(call.CallId, targetId, handoff.InteractionId);
    }

    // The customer goes back to the agent (her phone still holds her); the consult, if any, goes on.
    private void HandoffFailed(ConsultHandoff handoff, int status, string reason)
    {
        var call = handoff.Call;
        TelephonyLog.ReferRefused(logger, call.CallId, status, reason);
        if (!IsHandingOff(handoff))
        {
            return;
        }

        call.Transfer = null;
        ApplyMedia(call);
        NotifyRefer(call, handoff.Refer, status, SipStatusCodes.ReasonPhrase(status));
        Publish(call, CallChange.State, status, "the agent's phone could not transfer the call: " + reason);
    }

    private static bool IsHandingOff(ConsultHandoff handoff) => !handoff.Call.IsEnded && ReferenceEquals(handoff.Call.Transfer, handoff.Transfer);

    // Consultee's status for a consult whose teammate's phones still ring: the target is her ringing leg.
    private const int RingingStatus = 180;

    /// <summary>
    /// The consult's other party when the Replaces names the referring agent's answered leg of a connected consult, or
    /// her ringing leg (<see cref="RingingStatus"/>) while the consult rings her; else the status the INVITE with
    /// Replaces would have met (RFC 3891 §3).
    /// </summary>
    private static (int Status, string Reason, OutgoingLeg? Target) Consultee(AgentCall consult, ConsultHandoff handoff)
    {
        var named = Names(consult.Agent, handoff.Consult) ? consult.Agent : Names(consult.Callee, handoff.Consult) ? consult.Callee : null;
        if (consult.IsEnded || named is null)
        {
            return (481, "Replaces names no call with a teammate on this server", null);
        }

        if (!string.Equals(named.AgentId, handoff.AgentId, StringComparison.Ordinal))
        {
            return (403, "the call Replaces names is not the referring agent's", null);
        }

        var other = ReferenceEquals(named, consult.Agent) ? consult.Callee : consult.Agent;
        return consult.State switch
        {
            AgentCallState.Connected when other is { State: OutgoingLegState.Bridged, Media: not null } => (200, "OK", other),
            AgentCallState.RingingCallee when other is { State: OutgoingLegState.Ringing } => (RingingStatus, "Ringing", other),
            _ => (480, "the teammate has not answered", null),
        };
    }

    private static bool Names(OutgoingLeg? leg, SipDialogId dialog) =>
        leg is { Dialog: { } ours, State: OutgoingLegState.Answered or OutgoingLegState.Bridged } && ours.Id == dialog;
}

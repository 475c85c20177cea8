using Inbox.Interactions.Calls;
using Inbox.Interactions.Interactions;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Transfers of a call to a number outside: once the inbox has the transfer (<see cref="TransferStarted"/>), the
/// number is dialled through the campaign's trunk (<see cref="DialExternal"/>) while the customer hears hold music.
/// Answered, a blind transfer (or an attended one whose agent has gone) connects the customer to the number at once;
/// an attended one first connects the agent to it, until she completes (the customer and the number talk, her phone
/// is let go) or cancels. The call then carries on through the server without an interaction: the inbox finalized
/// it, and whoever of the two hangs up ends it. Busy, no answer or a failure returns the call to the agent.
/// </summary>
internal sealed partial class CallHandler
{
    /// <summary>
    /// Dials the number of the call's transfer to <paramref name="number"/> (<paramref name="route"/> null: no trunk
    /// dials it any more, and the transfer fails). Any thread; follows <see cref="TransferStarted"/>.
    /// </summary>
    public void DialTransferTarget(string callId, string interactionId, string number, OutboundRoute? route) => OnLiveCall(callId, call =>
    {
        if (call.Transfer is not { External: null, Target: null } transfer)
        {
            return; // A repeated notice.
        }

        if (route is null)
        {
            Publish(call, CallChange.Progress, 404, $"no trunk dials {number}");
            _ = ExternalTransferFailedAsync(call.CallId, interactionId);
            return;
        }

        transfer.External = DialExternal(call, route, leg => OnExternalTargetChanged(call, transfer, leg));
        Publish(call, CallChange.Progress, detail: $"dialling {route.Number} for the transfer");
    });

    private void OnExternalTargetChanged(TelephonyCall call, CallTransfer transfer, TrunkLeg leg)
    {
        if (call.IsEnded)
        {
            return;
        }

        if (ReferenceEquals(call.TransferredTo, leg))
        {
            if (leg.State == TrunkLegState.Ended)
            {
                call.TransferredTo = null;
                HangUpFromServer(call, "the number the call was transferred to hung up");
            }

            return;
        }

        if (!ReferenceEquals(call.Transfer, transfer) || !ReferenceEquals(transfer.External, leg))
        {
            return; // The transfer is over; HangUpTransfer let the leg go.
        }

        switch (leg.State)
        {
            case TrunkLegState.Ringing:
                Publish(call, CallChange.Progress, leg.Status, "the transfer's number is ringing");
                break;
            case TrunkLegState.EarlyMedia:
                Publish(call, CallChange.Progress, leg.Status, "the transfer's number plays early media");
                break;
            case TrunkLegState.Answered:
                Publish(call, CallChange.Progress, leg.Status, "the transfer's number answered");
                var consult = transfer.Mode == TransferMode.Attended && call.Agent is { State: OutgoingLegState.Bridged };
                _ = RecordExternalAnswerAsync(call, transfer, leg, consult);
                break;
            case TrunkLegState.Ended:
                // Busy, no answer, a failure, or the number hung up the consult: the inbox returns the call to the agent.
                transfer.External = null;
                EndConsult(transfer);
                Publish(call, CallChange.Progress, leg.Status, $"the transfer's number: {leg.EndReason}");
                if (call.InteractionId is { } interactionId)
                {
                    _ = ExternalTransferFailedAsync(call.CallId, interactionId);
                }

                break;
        }
    }

    // consult false: the call is handed over to the number now (blind, or the agent has gone).
    private async Task RecordExternalAnswerAsync(TelephonyCall call, CallTransfer transfer, TrunkLeg leg, bool consult)
    {
        if (call.InteractionId is not { } interactionId)
        {
            return;
        }

        Exception? failure = null;
        try
        {
            await inbox.ExternalTransferAnsweredAsync(interactionId, consult, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
        }

        TryPost(call.CallId, () => OnExternalAnswerRecorded(call, transfer, leg, consult, failure));
    }

    private void OnExternalAnswerRecorded(TelephonyCall call, CallTransfer transfer, TrunkLeg leg, bool consult, Exception? failure)
    {
        if (call.IsEnded || !ReferenceEquals(call.Transfer, transfer) || !ReferenceEquals(transfer.External, leg) || leg.State != TrunkLegState.Answered)
        {
            return;
        }

        if (failure is not null)
        {
            // The transfer was over by the time the number answered (timed out, cancelled): the number is hung up.
            TelephonyLog.InboxFailed(logger, call.CallId, "record the transfer's number answering", failure);
            transfer.External = null;
            HangUpExternal(leg);
            return;
        }

        if (!consult)
        {
            ConnectExternal(call, transfer, leg);
            return;
        }

        if (call.Agent is not { State: OutgoingLegState.Bridged, Media: { } agentMedia })
        {
            // The agent hung up while the number answered: the call is the number's.
            _ = RecordExternalAnswerAsync(call, transfer, leg, consult: false);
            return;
        }

        transfer.Consult = media.Bridge(agentMedia, leg.Media!);
        transfer.Consult.Connect(muted: false);
        Publish(call, CallChange.State, 200, "the agent and the transfer's number are talking");
    }

    /// <summary>The inbox finalized the transfer out: the customer and the number talk through the server, the agent is let go.</summary>
    private void ConnectExternal(TelephonyCall call, CallTransfer transfer, TrunkLeg leg)
    {
        call.Transfer = null;
        EndConsult(transfer);
        DropAgent(call, "the call was transferred to a number");
        call.TransferredTo = leg;
        call.Bridge = media.Bridge(call.CustomerMedia!, leg.Media!);
        ApplyMedia(call);
        TelephonyLog.TransferredOut(logger, call.CallId, leg.Route.Number);
        Publish(call, CallChange.State, 200, $"the call was transferred to {leg.Route.Number}");

        // What the agent's interaction keeps (recording, quality) ends here; the call outlives the interaction.
        StopFeatures(call);
        call.InteractionId = null;
    }

    /// <summary>The agent completed a consulted transfer to a number: the inbox has finalized it. On the call's executor.</summary>
    private void CompleteExternal(TelephonyCall call)
    {
        if (call.Transfer is { External: { State: TrunkLegState.Answered } leg } transfer)
        {
            ConnectExternal(call, transfer, leg);
        }
    }

    private async Task ExternalTransferFailedAsync(string callId, string interactionId)
    {
        try
        {
            await inbox.ExternalTransferFailedAsync(interactionId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            TelephonyLog.InboxFailed(logger, callId, "return a failed transfer to a number", e);
        }
    }
}

using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Legs;

/// <summary>
/// How a trunk leg ends: the ring timeout, a BYE from the number, a failed INVITE, and our own hang-up (CANCEL while it
/// rings, BYE once answered), each releasing the leg's media and timers once.
/// </summary>
internal sealed partial class CallHandler
{
    private void OnDialTimeout(TrunkLeg leg)
    {
        if (leg.State is TrunkLegState.Calling or TrunkLegState.Ringing or TrunkLegState.EarlyMedia)
        {
            CancelTrunkInvite(leg);
            FailTrunkLeg(leg, 408, "no answer within " + _dialTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A BYE on a trunk leg's Call-ID: posted to the owner's executor; false when the Call-ID is not one.</summary>
    private bool TryHandleTrunkBye(SipRequest bye, SipServerTransaction transaction)
    {
        if (!calls.TryGetByTrunkLeg(bye.CallId, out var owner, out var leg))
        {
            return false;
        }

        if (!TryPost(owner.CallId, () => OnTrunkBye(owner, leg, bye, transaction)))
        {
            _ = SendAsync(owner, transaction, SipResponseFactory.Create(bye, 503, source: transaction.Source.Address));
        }

        return true;
    }

    private void OnTrunkBye(TelephonyCall owner, TrunkLeg leg, SipRequest bye, SipServerTransaction transaction)
    {
        var ours = leg is { State: TrunkLegState.Answered, Dialog: { } dialog }
            && string.Equals(dialog.Id.RemoteTag, bye.From.Tag, StringComparison.Ordinal) && string.Equals(dialog.Id.LocalTag, bye.To.Tag, StringComparison.Ordinal);
        _ = SendAsync(owner, transaction, SipResponseFactory.Create(bye, ours ? 200 : 481, source: transaction.Source.Address));
        if (!ours)
        {
            return;
        }

        leg.Dialog!.Terminate();
        (leg.Status, leg.EndReason) = (0, "customer hung up");
        EndTrunkLeg(leg);
        leg.Changed(leg);
    }

    private void FailTrunkLeg(TrunkLeg leg, int status, string? phrase)
    {
        if (leg.State == TrunkLegState.Ended)
        {
            return;
        }

        leg.Status = status;
        leg.EndReason ??= TrunkLeg.ReasonFor(status, phrase);
        TelephonyLog.TrunkCallFailed(logger, leg.OwnerCallId, leg.Route.Trunk.Id, status, phrase ?? string.Empty);
        EndTrunkLeg(leg);
        leg.Changed(leg);
    }

    private void EndTrunkLeg(TrunkLeg leg)
    {
        leg.State = TrunkLegState.Ended;
        leg.Timer?.Dispose();
        leg.Timer = null;
        leg.Session?.Close();
        if (leg.Media is { } media)
        {
            ForgetLeg(media);
            media.Dispose();
        }

        leg.Offer?.Dispose();
        if (leg.InviteDone)
        {
            calls.RemoveTrunkLeg(leg.CallId);
        }
    }

    private void ByeOrCancelTrunk(TrunkLeg leg)
    {
        if (leg is { Dialog: { } dialog, Destination: { } destination })
        {
            dialog.Terminate();
            StartClientTransaction(dialog.CreateRequest(SipMethod.Bye, NewVia(LocalFor(destination))).BuildRequest(), destination);
        }
        else
        {
            CancelTrunkInvite(leg);
        }
    }

    private void CancelTrunkInvite(TrunkLeg leg)
    {
        leg.CancelWanted = true;
        if (leg.Proceeding)
        {
            SendTrunkCancel(leg);
        }
    }

    private void SendTrunkCancel(TrunkLeg leg)
    {
        if (leg.CancelSent || leg.InviteDone || leg.Invite is not { } invite)
        {
            return;
        }

        leg.CancelSent = true;
        StartClientTransaction(CancelOf(invite), leg.Destination!.Value);
    }
}

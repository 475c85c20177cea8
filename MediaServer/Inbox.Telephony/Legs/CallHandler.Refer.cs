using System.Globalization;
using System.Text;
using Inbox.Interactions.Interactions;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Transfers an agent's phone asks for itself: a REFER (RFC 3515) in the dialog of the agent's leg. A Refer-To naming
/// another agent's extension becomes a blind transfer to her in the inbox, one naming a number that a trunk of the
/// call's campaign dials a blind transfer out (<c>CallHandler.ExternalTransfer.cs</c>); the REFER is answered 202 and its
/// implicit subscription gets the progress as message/sipfrag NOTIFYs: 100 Trying, then 200 once the inbox has the
/// transfer (the server carries it out from there, and the agent's phone is let go with BYE) or the failure. A Refer-To
/// with Replaces naming the phone's own call with a teammate completes an attended transfer (<c>CallHandler.ReferReplaces.cs</c>).
/// Referred-By (RFC 3892) is logged.
/// </summary>
internal sealed partial class CallHandler
{
    /// <summary>A REFER on the stack's executor: the agent leg it belongs to is handled on the caller's executor.</summary>
    public async Task HandleReferAsync(SipRequest refer, SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        if (calls.TryGetByOutgoingLeg(refer.CallId, out var call) && TryPost(call.CallId, () => OnRefer(call, refer, transaction)))
        {
            return;
        }

        await transaction.SendResponseAsync(SipResponseFactory.Create(refer, 481, source: transaction.Source.Address), cancellationToken).ConfigureAwait(false);
    }

    private void OnRefer(TelephonyCall call, SipRequest refer, SipServerTransaction transaction)
    {
        if (call.IsEnded || ReferringLeg(call, refer) is not { Dialog: { } dialog } leg)
        {
            RefuseRefer(call, refer, transaction, 481, "no such dialog");
            return;
        }

        if (!dialog.TryAcceptRemoteSequence(refer))
        {
            RefuseRefer(call, refer, transaction, 500, "CSeq out of order");
            return;
        }

        // RFC 3515 §2.4.1: exactly one Refer-To.
        var values = refer.GetHeaderValues(SipHeaderId.ReferTo);
        if (values.Count != 1 || !SipNameAddress.TryParse(values[0], out var referTo))
        {
            RefuseRefer(call, refer, transaction, 400, "a REFER needs exactly one valid Refer-To");
            return;
        }

        var referredBy = refer.GetHeader(SipHeaderId.ReferredBy);
        TelephonyLog.ReferReceived(logger, call.CallId, leg.AgentId, referTo.Uri, referredBy ?? "-");
        if (call is AgentCall)
        {
            // The transfer the other way round (REFER in the consult, Replaces naming the customer's dialog) would
            // make the customer's call the consult's; refused, so that the interaction's call stays where it is.
            RefuseRefer(call, refer, transaction, 403, "send the REFER in the customer's call, with Replaces naming this call with your teammate");
            return;
        }

        if (call.Transfer is not null || call.Bridge is null)
        {
            RefuseRefer(call, refer, transaction, 403, call.Transfer is null ? "the customer is not connected" : "a transfer is already under way");
            return;
        }

        // As the Calls API's Transfer: the others on the call would be left nowhere.
        if (call.Conference is not null)
        {
            RefuseRefer(call, refer, transaction, 403, "the call is a conference");
            return;
        }

        var replaces = SipReplaces.FromUriHeaders(referTo.Uri.Headers, out var validReplaces);
        if (!validReplaces)
        {
            RefuseRefer(call, refer, transaction, 400, "Replaces needs a Call-ID, a to-tag and a from-tag (RFC 3891)");
            return;
        }

        if (replaces is { } named)
        {
            ReferReplacing(call, leg, refer, transaction, new ReferSubscription(leg, referTo, referredBy, refer.CSeq.Number), named);
            return;
        }

        var user = referTo.Uri.User;
        if (user is null || ReferTarget(call.CampaignId, user) is not { } target)
        {
            RefuseRefer(call, refer, transaction, 404, $"{user ?? referTo.Uri.Host} is neither an agent's extension nor a number the campaign's trunks dial");
            return;
        }

        _ = SendAsync(call, transaction, SipResponseFactory.Create(refer, 202, source: transaction.Source.Address));
        var subscription = new ReferSubscription(leg, referTo, referredBy, refer.CSeq.Number);
        call.Transfer = new CallTransfer(TransferMode.Blind) { Refer = subscription };
        ApplyMedia(call);
        NotifyRefer(call, subscription, 100, "Trying");
        _ = ReferTransferAsync(call, subscription, leg.AgentId, leg.InteractionId, target);
    }

    // The agent leg whose answered dialog the REFER is in: the call's agent's or, in a call between agents, the callee's.
    private static OutgoingLeg? ReferringLeg(TelephonyCall call, SipRequest refer) =>
        call.Agent is { } agent && IsAnsweredDialogOf(agent, refer) ? agent
        : call is AgentCall { Callee: { } callee } && IsAnsweredDialogOf(callee, refer) ? callee
        : null;

    // An agent by her extension first; else the number as the campaign's dial rules write it, if a trunk dials it.
    private (TransferTargetKind Kind, string Id)? ReferTarget(string campaignId, string user)
    {
        if (inbox.AgentByExtension(user) is { } agentId)
        {
            return (TransferTargetKind.Agent, agentId);
        }

        return trunks.TryRoute(campaignId, user) is { } route ? (TransferTargetKind.External, route.Number) : null;
    }

    private async Task ReferTransferAsync(
        TelephonyCall call, ReferSubscription subscription, string agentId, string interactionId, (TransferTargetKind Kind, string Id) target)
    {
        try
        {
            await inbox.TransferAsync(agentId, interactionId, TransferMode.Blind, target.Kind, target.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            TryPost(call.CallId, () => OnReferTransferRefused(call, subscription, e));
        }
    }

    // The inbox would not transfer (target unavailable, at her limit...): the customer is back with the agent.
    private void OnReferTransferRefused(TelephonyCall call, ReferSubscription subscription, Exception failure)
    {
        var (status, reason) = StatusOf(failure);
        TelephonyLog.ReferRefused(logger, call.CallId, status, failure.Message);
        if (call.Transfer is { Started: false } transfer && ReferenceEquals(transfer.Refer, subscription))
        {
            call.Transfer = null;
            ApplyMedia(call);
        }

        NotifyRefer(call, subscription, status, reason);
    }

    /// <summary>One NOTIFY of the REFER's subscription (RFC 3515 §2.4.4-2.4.5); a final status terminates it.</summary>
    private void NotifyRefer(TelephonyCall call, ReferSubscription subscription, int status, string reason)
    {
        if (subscription.Terminated || subscription.Leg is not { Dialog: { State: not SipDialogState.Terminated } dialog, Winner: { } fork })
        {
            return;
        }

        var final = status >= 200;
        subscription.Terminated = final;
        var local = LocalFor(fork.Destination);
        var notify = dialog.CreateRequest(SipMethod.Notify, NewVia(local), new SipNameAddress(new SipUri("sip", "inbox", HostOf(local), local.Address.Port)))
            .Header(SipHeaderId.Event, string.Create(CultureInfo.InvariantCulture, $"refer;id={subscription.Sequence}"))
            .Header("Subscription-State", final ? "terminated;reason=noresource" : "active;expires=60")
            .BuildRequest(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"SIP/2.0 {status} {reason}\r\n")), "message/sipfrag;version=2.0");
        StartClientTransaction(notify, fork.Destination);
        TelephonyLog.ReferNotified(logger, call.CallId, status);
    }

    private void RefuseRefer(TelephonyCall call, SipRequest refer, SipServerTransaction transaction, int status, string reason)
    {
        TelephonyLog.ReferRefused(logger, call.CallId, status, reason);
        _ = SendAsync(call, transaction, SipResponseFactory.CreateBuilder(refer, status, source: transaction.Source.Address)
            .Header(SipHeaderId.Warning, Warning(399, reason))
            .BuildResponse());
    }
}

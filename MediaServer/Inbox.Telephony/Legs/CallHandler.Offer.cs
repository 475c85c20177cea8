using Inbox.Interactions.Calls;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Ringing the agent an interaction is offered to: an INVITE to every registered phone of her extensions (parallel
/// forks sharing one Call-ID and SDP offer), CANCEL when the offer ends first, and the forks' final responses.
/// </summary>
internal sealed partial class CallHandler
{
    private const string Allowed = "INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, INFO";

    /// <summary>The inbox offered the call <paramref name="callId"/> to an agent. Any thread; the work runs on the call's executor.</summary>
    /// <summary>
    /// The call's interaction is worked in <paramref name="campaignId"/> now (it overflowed there before this offer, or a
    /// campaign transfer took it there): parking, the recording and REFER's trunks follow the campaign whose agent gets
    /// the call. The hold music already playing goes on.
    /// </summary>
    public void WorkedIn(string callId, string campaignId) => TryPost(callId, () =>
    {
        if (calls.TryGetCustomerCall(callId, out var call) && call.CampaignId != campaignId)
        {
            TelephonyLog.CallMovedToCampaign(logger, callId, call.CampaignId, campaignId);
            call.CampaignId = campaignId;
        }
    });

    public void Offered(string callId, string interactionId, string agentId, IReadOnlyList<string> extensions)
    {
        if (!TryPost(callId, () => Ring(callId, interactionId, agentId, extensions, taken: false)))
        {
            _ = RejectAsync(callId, agentId, interactionId);
        }
    }

    /// <summary>
    /// <paramref name="agentId"/> took the call from the queue: it is hers already, so her phone rings without an offer
    /// and answering bridges at once. If no phone answers, the caller stays on hold music and the agent is told.
    /// </summary>
    public void Taken(string callId, string interactionId, string agentId, IReadOnlyList<string> extensions) =>
        TryPost(callId, () => Ring(callId, interactionId, agentId, extensions, taken: true));

    /// <summary>
    /// The offer to <paramref name="agentId"/> ended in the inbox: expired, withdrawn or the customer gone (her ringing
    /// phone is cancelled), or <paramref name="accepted"/> (from her UI, while it rings: answering it connects her).
    /// </summary>
    public void OfferEnded(string callId, string agentId, bool accepted) => TryPost(callId, () =>
    {
        if (calls.TryGetCustomerCall(callId, out var call) && call.Agent is { State: OutgoingLegState.Ringing } leg && leg.AgentId == agentId)
        {
            if (accepted)
            {
                leg.Accepted = true;
                return;
            }

            call.Agent = null;
            CancelLeg(call, leg, "the offer ended in the inbox");
        }
    });

    private void Ring(string callId, string interactionId, string agentId, IReadOnlyList<string> extensions, bool taken)
    {
        if (!calls.TryGetCustomerCall(callId, out var call))
        {
            return; // The customer left; the inbox ends the interaction from her BYE or CANCEL.
        }

        // The offer may overtake the inbox's answer to the filing: both name the same interaction.
        call.InteractionId ??= interactionId;
        if (call.Agent is { } current)
        {
            if (current.State != OutgoingLegState.Ringing)
            {
                return;
            }

            call.Agent = null;
            CancelLeg(call, current, "offered to another agent");
        }

        RingAgent(call, agentId, interactionId, extensions, taken, leg => call.Agent = leg);
    }

    /// <summary>
    /// Calls every phone of <paramref name="extensions"/> for <paramref name="agentId"/>; <paramref name="attach"/>
    /// puts the leg where the call keeps it (its agent, a transfer's target) before any response can come.
    /// </summary>
    private void RingAgent(
        TelephonyCall call, string agentId, string interactionId, IReadOnlyList<string> extensions, bool taken, Action<OutgoingLeg> attach)
    {
        var callId = call.CallId;
        var phones = phoneLocator.Find(extensions);
        if (phones.Count == 0)
        {
            TelephonyLog.NoPhone(logger, callId, agentId, string.Join(", ", extensions));
            NotAnswered(call, agentId, interactionId, taken, 480, "no phone is registered for the agent");
            return;
        }

        if (media.CreateOffer() is not { } offer)
        {
            TelephonyLog.AgentCallFailed(logger, callId, agentId, 503, "no free RTP port");
            NotAnswered(call, agentId, interactionId, taken, 503, "no free RTP port");
            return;
        }

        var leg = new OutgoingLeg(Guid.NewGuid().ToString("N"), SipTag.Create(), agentId, interactionId, offer) { Accepted = taken };
        attach(leg);
        RingPhones(call, leg, phones, phone => CreateInvite(call, leg, phone));
    }

    /// <summary>
    /// Sends <paramref name="leg"/>'s INVITE to every phone as parallel forks; the first to answer wins. The caller has
    /// put the leg where the call keeps it.
    /// </summary>
    private void RingPhones(TelephonyCall call, OutgoingLeg leg, IReadOnlyList<AgentPhone> phones, Func<AgentPhone, SipRequest> createInvite)
    {
        calls.AddOutgoingLeg(call, leg);
        foreach (var phone in phones)
        {
            var fork = new OutgoingFork(createInvite(phone), phone.Destination);
            leg.Forks.Add(fork);
            SendFork(call, leg, fork);
        }

        TelephonyLog.RingingAgent(logger, call.CallId, leg.AgentId, phones.Count, leg.CallId);
        if (leg.AllForksDone)
        {
            OnLegFailed(call, leg);
        }
    }

    private void SendFork(TelephonyCall call, OutgoingLeg leg, OutgoingFork fork)
    {
        try
        {
            fork.Transaction = _client!.SendRequest(fork.Invite, fork.Destination, (_, response) => TryPost(call.CallId, () => OnForkResponse(call, leg, fork, response)));
            _ = fork.Transaction.Completion.ContinueWith(
                t => TryPost(call.CallId, () => OnForkFinal(call, leg, fork, t.IsCompletedSuccessfully ? t.Result : null)),
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        catch (InvalidOperationException e)
        {
            TelephonyLog.AgentCallFailed(logger, call.CallId, leg.AgentId, 500, e.Message);
            fork.Done = true;
        }
    }

    private SipRequest CreateInvite(TelephonyCall call, OutgoingLeg leg, AgentPhone phone)
    {
        var (user, name) = call.ShownToPhones;
        return CreateInvite(leg, phone, user, name).BuildRequest(leg.Offer!.Sdp, "application/sdp");
    }

    /// <summary>
    /// The INVITE to one of the agent's phones, from <paramref name="fromUser"/> (what her phone shows), without its SDP
    /// yet. It offers a session timer whose refresher the phone picks (RFC 4028 §7.1): a phone that vanishes mid-call
    /// then ends its leg within the interval.
    /// </summary>
    private SipMessageBuilder CreateInvite(OutgoingLeg leg, AgentPhone phone, string fromUser, string? fromName)
    {
        var local = LocalFor(phone.Destination);
        var host = HostOf(local);
        var extension = phone.Contact.User ?? "agent";
        return AskSessionTimer(SipMessageBuilder.Request(SipMethod.Invite, phone.Contact.ToRequestUri().ToString())
            .Header(SipHeaderId.Via, NewVia(local).ToString())
            .Header(SipHeaderId.MaxForwards, 70)
            .Header(SipHeaderId.From, new SipNameAddress(new SipUri("sip", fromUser, host), fromName).WithTag(leg.LocalTag).ToString())
            .Header(SipHeaderId.To, new SipNameAddress(new SipUri("sip", extension, host)).ToString())
            .Header(SipHeaderId.CallId, leg.CallId)
            .Header(SipHeaderId.CSeq, "1 INVITE")
            .Header(SipHeaderId.Contact, AgentContact(phone.Destination))
            .Header(SipHeaderId.Allow, Allowed));
    }

    // Our Contact towards a phone: in-dialog requests from it come back to the flow it is reached by.
    private string AgentContact(SipEndPoint destination)
    {
        var local = LocalFor(destination);
        return new SipNameAddress(new SipUri("sip", "inbox", HostOf(local), local.Address.Port)).ToString();
    }

    // 1xx, and (RFC 6026 §7.2) every 2xx after the first: retransmissions of the winner's, or other forks answering too.
    private void OnForkResponse(TelephonyCall call, OutgoingLeg leg, OutgoingFork fork, SipResponse response)
    {
        if (response.IsProvisional)
        {
            // A listening supervisor's phone ringing is nobody's business on the call: listening in is silent.
            if (response.StatusCode is 180 or 183 && !leg.Alerting && IsCurrent(call, leg) && !IsMonitorLeg(call, leg))
            {
                leg.Alerting = true;
                Publish(call, CallChange.Progress, response.StatusCode, IsTransferTarget(call, leg) ? "the transfer target's phone is ringing" : "the agent's phone is ringing");
            }

            fork.Proceeding = true;
            if (fork.CancelWanted)
            {
                SendCancel(fork);
            }

            return;
        }

        if (ReferenceEquals(fork, leg.Winner) && leg.Ack is { } ack && leg.Dialog?.Id.RemoteTag == response.To.Tag)
        {
            _ = SendStatelessAsync(call, ack, fork.Destination);
            return;
        }

        AckAndBye(call, fork.Invite, fork.Destination, response);
    }

    private void OnForkFinal(TelephonyCall call, OutgoingLeg leg, OutgoingFork fork, SipResponse? response)
    {
        if (response is { StatusCode: 422 } && !fork.CancelWanted && leg.State == OutgoingLegState.Ringing
            && RetryAboveMinimum(fork.Invite, response, fork.Destination) is { } retry)
        {
            fork.Invite = retry;
            fork.Proceeding = false;
            SendFork(call, leg, fork);
            if (!fork.Done)
            {
                return;
            }
        }

        fork.Done = true;
        if (response is { IsSuccess: true })
        {
            OnForkAnswered(call, leg, fork, response);
            KeepRaisedMinimum(leg, fork);
        }
        else
        {
            leg.LastStatus = response?.StatusCode ?? 503;
        }

        if (leg.AllForksDone && leg.Winner is null)
        {
            OnLegFailed(call, leg);
        }
    }

    // Every fork failed (declined, busy, unreachable) or was cancelled: the ports go back; a decline lets the inbox
    // offer the call to the next agent.
    private void OnLegFailed(TelephonyCall call, OutgoingLeg leg)
    {
        var declined = leg.State == OutgoingLegState.Ringing;
        ReleaseLeg(leg);
        if (IsMonitorLeg(call, leg))
        {
            StopMonitor(call, "his phone did not answer", byPhone: true);
            return;
        }

        if (!declined || OnParticipantFailed(call, leg, leg.LastStatus))
        {
            return;
        }

        Detach(call, leg);
        TelephonyLog.AgentCallFailed(logger, call.CallId, leg.AgentId, leg.LastStatus, "no phone answered");
        switch (call)
        {
            case { IsEnded: true }:
                break;
            case OutboundCall { State: OutboundCallState.RingingAgent } outbound:
                FailOutbound(outbound, leg.LastStatus, "failed: the agent's phone did not answer");
                break;
            case AgentCall agentCall:
                OnAgentCallLegFailed(agentCall, leg);
                break;
            default:
                // A call with a customer whose agent (an offer, a ring-back, a transfer's target) did not answer.
                NotAnswered(call, leg.AgentId, leg.InteractionId, leg.Accepted, leg.LastStatus, "the agent's phone did not answer");
                break;
        }
    }

    // An offer the phone cannot take goes back to the inbox to route onwards; a taken call stays hers, on hold music.
    private void NotAnswered(TelephonyCall call, string agentId, string interactionId, bool taken, int status, string detail)
    {
        if (taken)
        {
            Publish(call, CallChange.Progress, status, detail);
            if (call.RingingBack == agentId)
            {
                RingBackFailed(call, agentId);
            }
        }
        else
        {
            _ = RejectAsync(call.CallId, agentId, interactionId);
        }
    }

    private void CancelLeg(TelephonyCall call, OutgoingLeg leg, string reason)
    {
        TelephonyLog.AgentCallCancelled(logger, call.CallId, leg.AgentId, reason);
        leg.State = OutgoingLegState.Ended;
        foreach (var fork in leg.Forks)
        {
            if (!fork.Done)
            {
                fork.CancelWanted = true;
                if (fork.Proceeding)
                {
                    SendCancel(fork);
                }
            }
        }

        if (leg.AllForksDone)
        {
            ReleaseLeg(leg);
        }
    }

    // RFC 3261 §9.1: same Request-URI, Call-ID, From, To, Route and top Via as the INVITE; CSeq number too, method CANCEL.
    private void SendCancel(OutgoingFork fork)
    {
        if (fork.CancelSent || fork.Done)
        {
            return;
        }

        fork.CancelSent = true;
        StartClientTransaction(CancelOf(fork.Invite), fork.Destination);
    }

    private static SipRequest CancelOf(SipRequest invite) =>
        SipMessageBuilder.Request(SipMethod.Cancel, invite.RequestUriText)
            .Header(SipHeaderId.Via, invite.TopVia.ToString())
            .Header(SipHeaderId.MaxForwards, 70)
            .CopyHeaders(invite, SipHeaderId.Route)
            .CopyHeaders(invite, SipHeaderId.From)
            .CopyHeaders(invite, SipHeaderId.To)
            .CopyHeaders(invite, SipHeaderId.CallId)
            .Header(SipHeaderId.CSeq, $"{invite.CSeq.Number} CANCEL")
            .BuildRequest();

    // A 2xx we do not want (a second fork, or an answer after we gave up): ACK it, then BYE (RFC 3261 §13.2.2.4).
    private void AckAndBye(TelephonyCall call, SipRequest invite, SipEndPoint destination, SipResponse response)
    {
        SipDialog dialog;
        try
        {
            dialog = SipDialog.CreateAsUac(invite, response);
        }
        catch (Exception e) when (e is SipFormatException or ArgumentException)
        {
            return;
        }

        var local = LocalFor(destination);
        _ = SendStatelessAsync(call, dialog.CreateAck(invite.CSeq.Number, NewVia(local)).BuildRequest(), destination);
        StartClientTransaction(dialog.CreateRequest(SipMethod.Bye, NewVia(local)).BuildRequest(), destination);
    }

    private void ReleaseLeg(OutgoingLeg leg)
    {
        leg.State = OutgoingLegState.Ended;
        leg.Session?.Close();
        if (leg.Media is { } legMedia)
        {
            ForgetLeg(legMedia);
            legMedia.Dispose();
        }

        leg.Offer?.Dispose();
        if (leg.AllForksDone)
        {
            calls.RemoveOutgoingLeg(leg.CallId);
        }
    }
}

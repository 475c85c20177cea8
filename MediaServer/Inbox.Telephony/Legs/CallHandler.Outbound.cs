using Inbox.Interactions.Calls;
using Inbox.Media.Players;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Calls agents place ("New" on telephony): her phones ring with auto-answer hints; once she answers she hears
/// ringback and the customer is dialled through the campaign's trunk (<see cref="DialExternal"/>); the customer
/// answering bridges the two. Busy, no answer or a failure hangs her phone up and ends the interaction with that reason.
/// </summary>
internal sealed partial class CallHandler
{
    /// <summary>
    /// <paramref name="agentId"/> started interaction <paramref name="interactionId"/> to <paramref name="route"/>'s
    /// number: the call <paramref name="callId"/> rings her phones. Any thread; the work runs on the call's executor.
    /// </summary>
    public void Dial(string callId, string interactionId, string agentId, IReadOnlyList<string> extensions, string campaignId, OutboundRoute route)
    {
        var call = new OutboundCall(callId, campaignId, interactionId, agentId, route) { InteractionId = interactionId, StartedAt = timeProvider.GetUtcNow() };
        if (!TryPost(callId, () => StartOutbound(call, extensions)))
        {
            _ = EndCallAsync(callId, interactionId, "failed: call control is overloaded");
        }
    }

    private void StartOutbound(OutboundCall call, IReadOnlyList<string> extensions)
    {
        if (!calls.TryAdd(call))
        {
            return; // A repeated notice for a call already placed.
        }

        if (TryConnectPhoneDial(call))
        {
            return; // Her phone dialled the number itself: it is on the line already.
        }

        var phones = phoneLocator.Find(extensions);
        if (phones.Count == 0)
        {
            TelephonyLog.NoPhone(logger, call.CallId, call.AgentId, string.Join(", ", extensions));
            FailOutbound(call, 480, "failed: no phone is registered for the agent");
            return;
        }

        if (media.CreateOffer() is not { } offer)
        {
            FailOutbound(call, 503, "failed: no free RTP port");
            return;
        }

        var leg = new OutgoingLeg(call.CallId, SipTag.Create(), call.AgentId, call.StartedAs, offer) { Accepted = true };
        call.Agent = leg;
        var (user, name) = call.ShownToPhones;
        RingPhones(call, leg, phones, phone => AutoAnswer(CreateInvite(leg, phone, user, name), phone)
            .BuildRequest(offer.Sdp, "application/sdp"));
    }

    /// <summary>Asks the agent's own phone to answer by itself: she placed the call, so it should not ring at her.</summary>
    private static SipMessageBuilder AutoAnswer(SipMessageBuilder invite, AgentPhone phone) => invite
        .Header("Call-Info", $"<sip:{phone.Contact.Host}>;answer-after=0") // draft-ietf-sip-answermode style hint most phones honour
        .Header("Alert-Info", "<http://127.0.0.1>;info=alert-autoanswer");

    private void OnAgentAnswered(OutboundCall call, OutgoingLeg leg)
    {
        if (call.IsEnded)
        {
            ByeAgent(call, leg);
            return;
        }

        // She hears ringback from her answer on, until the line's early media or the customer replaces it.
        leg.State = OutgoingLegState.Answered;
        leg.Media!.PlaySource(new ToneGenerator(ToneDefinitions.EuropeRingback, leg.Media.OutputRate));
        call.State = OutboundCallState.Dialling;
        Publish(call, CallChange.State, detail: "the agent's phone answered; dialling " + call.Route.Number);
        call.Customer = DialExternal(call, call.Route, customer => OnCustomerChanged(call, customer));
    }

    private void OnCustomerChanged(OutboundCall call, TrunkLeg customer)
    {
        if (CustomerLeftConference(call, customer))
        {
            return;
        }

        if (call.IsEnded || !ReferenceEquals(call.Customer, customer))
        {
            return;
        }

        if (customer.State == TrunkLegState.Ended)
        {
            // Whoever serves her then (her agent, a transfer's target, nobody while parked) is let go.
            if (call.State == OutboundCallState.Connected)
            {
                End(call, "the customer hung up");
                EndInteraction(call, reason: null);
            }
            else
            {
                FailOutbound(call, customer.Status, customer.EndReason!);
            }

            return;
        }

        if (call.Agent is not { Media: { } agentMedia } agent)
        {
            return;
        }

        switch (customer.State)
        {
            case TrunkLegState.Ringing:
                Publish(call, CallChange.Progress, customer.Status, "the customer's phone is ringing");
                break;
            case TrunkLegState.EarlyMedia:
                // One way until answered: she hears the line, the customer hears nothing of her yet.
                call.EarlyMedia ??= media.Bridge(customer.Media!, agentMedia);
                call.EarlyMedia.Connect(muted: true);
                Publish(call, CallChange.Progress, customer.Status, "the customer's line plays early media");
                break;
            case TrunkLegState.Answered:
                call.Bridge = call.EarlyMedia ?? media.Bridge(customer.Media!, agentMedia);
                call.EarlyMedia = null;
                StartFeatures(call);
                ApplyMedia(call);
                agent.State = OutgoingLegState.Bridged;
                call.State = OutboundCallState.Connected;
                call.ConnectedAt ??= timeProvider.GetUtcNow();
                TelephonyLog.CallBridged(logger, call.CallId, call.AgentId, customer.Media!.Media.Codec.EncodingName, agentMedia.Media.Codec.EncodingName);
                Publish(call, CallChange.Progress, customer.Status, "the customer answered");
                break;
        }
    }

    /// <summary>
    /// The call could not be connected: the agent is told why (PROGRESS with the SIP status), her phone is hung up and
    /// the interaction ends with <paramref name="reason"/> ("busy", "no answer", "failed: ...").
    /// </summary>
    private void FailOutbound(OutboundCall call, int status, string reason)
    {
        Publish(call, CallChange.Progress, status, reason);
        End(call, reason);
        EndInteraction(call, reason);
    }

    // Releases both legs and forgets the call; the interaction is ended separately, once, by whoever ended the call.
    private void End(OutboundCall call, string reason)
    {
        if (call.IsEnded)
        {
            return;
        }

        LetGoOfCustomer(call);
        call.EarlyMedia = null;
        if (call.Customer is { } customer)
        {
            HangUpExternal(customer);
        }

        call.State = OutboundCallState.Ended;
        calls.Remove(call);
        TelephonyLog.CallEnded(logger, call.CallId, reason);
        Publish(call, CallChange.State, detail: reason);
    }

    // reason null: the customer hung up while talking ("customer hung up"); else why the call never connected.
    private void EndInteraction(OutboundCall call, string? reason)
    {
        if (call.InteractionId is { } id)
        {
            call.InteractionId = null;
            _ = reason is null ? AbandonAsync(call.CallId, id, talking: true) : EndCallAsync(call.CallId, id, reason);
        }
    }

    private async Task EndCallAsync(string callId, string interactionId, string reason)
    {
        try
        {
            await inbox.EndCallAsync(interactionId, reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            TelephonyLog.InboxFailed(logger, callId, "end the interaction", e);
        }
    }
}

using System.Collections.Concurrent;
using Inbox.Interactions.Errors;
using Inbox.Media.Players;
using Inbox.Media.Sdp;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Calls agents' phones place through the server: an INVITE from an agent's extension to anything but a campaign's
/// number. The phone authenticates with its registration credentials (407, <see cref="Phones.PhoneAuthenticator"/>);
/// then the dialled user is routed. Another agent's extension becomes a call between agents (<see cref="AgentCall"/>):
/// the phone is answered at once and hears ringback while the teammate's phones ring. A number a trunk of one of her
/// campaigns dials becomes an outbound call there, as her "New" would (the first such campaign by id): the INVITE is
/// answered once the inbox has filed the interaction, then she hears ringback while the trunk dials. Anything else is
/// 404 with a Warning.
/// </summary>
/// <remarks>The phone's dialog takes the place of the leg the server would have rung (<see cref="TelephonyCall.Agent"/>), so hold, keypad, BYE and REFER work on it as on any agent leg.</remarks>
internal sealed partial class CallHandler
{
    // Numbers phones dialled whose interaction the inbox is filing, by Call-ID; StartOutbound connects them.
    private readonly ConcurrentDictionary<string, PhoneDial> _phoneDials = new(StringComparer.Ordinal);

    // Dials given up before the inbox's notice came, by Call-ID, with when: a notice still on its way for one must not
    // ring the phone and dial the customer after the phone heard the call fail. Pruned as later dials are given up.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _givenUpDials = new(StringComparer.Ordinal);

    /// <summary>Numbers phones dialled still waiting for the inbox's notice: none once every call is over.</summary>
    public int PendingPhoneDialCount => _phoneDials.Count;

    /// <summary>True when <paramref name="request"/> comes from an agent's extension: call control treats it as her phone dialling.</summary>
    private bool IsFromAgentPhone(SipRequest request) => request.From.Uri.User is { } user && inbox.AgentByExtension(user) is not null;

    private async Task HandlePhoneCallAsync(SipRequest request, SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        var authentication = await phoneAuthenticator.AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        if (authentication.Challenges.Count > 0)
        {
            var challenge = SipResponseFactory.CreateBuilder(request, 407, toTag: SipTag.Create(), source: transaction.Source.Address);
            foreach (var value in authentication.Challenges)
            {
                challenge.Header(SipHeaderId.ProxyAuthenticate, value);
            }

            await transaction.SendResponseAsync(challenge.BuildResponse(), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (authentication.Extension is not { } extension)
        {
            await RefuseAsync(request, transaction, authentication.StatusCode, authentication.Reason!, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (inbox.AgentByExtension(extension) is not { } agentId)
        {
            // Authenticated, but the agent was removed meanwhile.
            await RefuseAsync(request, transaction, 404, "no agent has this extension", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!TryPost(request.CallId, () => RoutePhoneCall(request, transaction, agentId)))
        {
            await RefuseAsync(request, transaction, 503, "call control is overloaded", cancellationToken).ConfigureAwait(false);
        }
    }

    private void RoutePhoneCall(SipRequest request, SipServerTransaction transaction, string agentId)
    {
        if (transaction.State != SipTransactionState.Proceeding)
        {
            return; // Cancelled while it was being authenticated (OnCancel answered 487), or answered already.
        }

        if (IsShuttingDown)
        {
            Refuse(request, transaction, 503, "the server is shutting down");
            return;
        }

        var dialled = request.RequestUri.User ?? string.Empty;
        if (calls.TryGet(request.CallId, out _) || _phoneDials.ContainsKey(request.CallId))
        {
            Refuse(request, transaction, 482, "the call is already in progress");
            return;
        }

        var calleeId = inbox.AgentByExtension(dialled);
        var route = calleeId is null ? PhoneDialRoute(agentId, dialled) : null;
        if (calleeId is null && route is null)
        {
            Refuse(request, transaction, 404, $"{dialled} is neither an agent's extension nor a number a trunk of your campaigns dials");
            return;
        }

        if (calleeId == agentId)
        {
            Refuse(request, transaction, 403, "an agent cannot call herself");
            return;
        }

        var calleeExtensions = calleeId is null ? [] : inbox.ExtensionsOf(calleeId);
        if (calleeId is not null && phoneLocator.Find(calleeExtensions).Count == 0)
        {
            Refuse(request, transaction, 480, $"{calleeId} has no registered phone");
            return;
        }

        if (GrantSessionTimer(request) is not { } sessionTimer)
        {
            Refuse(request, transaction, 422, "Session-Expires is below our Min-SE");
            return;
        }

        var outcome = media.Create(request.Body.Span, _ => SilenceSource.Instance);
        if (outcome.Leg is not { } phoneMedia)
        {
            Refuse(request, transaction, outcome.StatusCode, outcome.Reason!);
            return;
        }

        TelephonyLog.PhoneDialled(logger, request.CallId, agentId, dialled, calleeId ?? route!.Value.CampaignId);
        var dial = new PhoneDial(request, transaction, agentId, phoneMedia) { SessionTimer = sessionTimer };
        if (calleeId is not null)
        {
            StartPhoneAgentCall(new AgentCall(request.CallId, agentId, calleeId, calleeExtensions) { StartedAt = timeProvider.GetUtcNow() }, dial);
            return;
        }

        _phoneDials[request.CallId] = dial;
        _givenUpDials.TryRemove(request.CallId, out _); // The phone dials again with the same Call-ID: this dial is new.

        // The phone gives up after 64·T1 (RFC 3261 §17.1.1.2, Timer B): so does the wait for the inbox's notice.
        dial.Guard = timeProvider.CreateTimer(
            _ => TryPost(request.CallId, () => DropPhoneDial(dial, 408, "the inbox did not place the call in time")), null, timers.TransactionTimeout, Timeout.InfiniteTimeSpan);
        _ = StartPhoneOutboundAsync(dial, route!.Value.CampaignId, dialled);
    }

    // The first of her campaigns (by id) that places calls and has a trunk dialling the number.
    private (string CampaignId, OutboundRoute Route)? PhoneDialRoute(string agentId, string number)
    {
        foreach (var campaignId in inbox.OutboundCampaignsOf(agentId))
        {
            if (trunks.TryRoute(campaignId, number) is { } route)
            {
                return (campaignId, route);
            }
        }

        return null;
    }

    private void StartPhoneAgentCall(AgentCall call, PhoneDial dial)
    {
        calls.TryAdd(call);
        if (AnswerPhone(call, dial) is not { } leg)
        {
            calls.Remove(call);
            return;
        }

        CallerReady(call, leg, dial.Invite.From.Uri.User!);
    }

    private async Task StartPhoneOutboundAsync(PhoneDial dial, string campaignId, string number)
    {
        var callId = dial.Invite.CallId;
        try
        {
            var interactionId = await inbox.StartCallAsync(dial.AgentId, campaignId, number, callId, CancellationToken.None).ConfigureAwait(false);
            TryPost(callId, () => OnPhoneDialFiled(dial, interactionId));
        }
        catch (Exception e)
        {
            TryPost(callId, () =>
            {
                TelephonyLog.InboxFailed(logger, callId, "start the call the phone dialled", e);
                DropPhoneDial(dial, StatusOf(e).Status, e.Message);
            });
        }
    }

    // The inbox filed the interaction; its notice (StartOutbound) connects the phone. One filed after the dial was
    // given up (timed out, shutting down) is ended here, since nothing else will.
    private void OnPhoneDialFiled(PhoneDial dial, string interactionId)
    {
        if (dial.Dropped)
        {
            _ = EndCallAsync(dial.Invite.CallId, interactionId, "failed: the phone's call was given up");
        }
        else if (_phoneDials.TryGetValue(dial.Invite.CallId, out var pending) && ReferenceEquals(pending, dial))
        {
            dial.InteractionId = interactionId;
        }
    }

    /// <summary>
    /// Gives up a number the phone dialled before the inbox's notice connected it (the inbox refused it, never sent the
    /// notice, or the server is shutting down): its media is released, the phone hears why unless it cancelled, and an
    /// interaction already filed ends.
    /// </summary>
    private void DropPhoneDial(PhoneDial dial, int statusCode, string reason)
    {
        if (!_phoneDials.TryRemove(new KeyValuePair<string, PhoneDial>(dial.Invite.CallId, dial)))
        {
            return;
        }

        dial.Dropped = true;
        RememberGivenUp(dial.Invite.CallId);
        dial.Guard?.Dispose();
        dial.Media.Dispose();
        if (!dial.Cancelled)
        {
            Refuse(dial.Invite, dial.Transaction, statusCode, reason);
        }

        if (dial.InteractionId is { } interactionId)
        {
            _ = EndCallAsync(dial.Invite.CallId, interactionId, "failed: " + reason);
        }
    }

    // A notice later than another 64·T1 is not expected: older entries go as the next dial is given up.
    private void RememberGivenUp(string callId)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (givenUp, at) in _givenUpDials)
        {
            if (now - at > timers.TransactionTimeout)
            {
                _givenUpDials.TryRemove(givenUp, out _);
            }
        }

        _givenUpDials[callId] = now;
    }

    /// <summary>
    /// The inbox filed the call a phone dialled (<see cref="StartOutbound"/>): true when it was one, now connected or
    /// ended. The notice of a dial already given up is dropped: its interaction was ended when the dial was.
    /// </summary>
    private bool TryConnectPhoneDial(OutboundCall call)
    {
        if (_givenUpDials.TryRemove(call.CallId, out _))
        {
            calls.Remove(call);
            TelephonyLog.LateDialNotice(logger, call.CallId, call.AgentId);
            return true;
        }

        if (!_phoneDials.TryRemove(call.CallId, out var dial))
        {
            return false;
        }

        dial.Guard?.Dispose();
        if (dial.Cancelled)
        {
            dial.Media.Dispose();
            FailOutbound(call, 487, "cancelled by the agent's phone");
        }
        else if (IsShuttingDown)
        {
            dial.Media.Dispose();
            Refuse(dial.Invite, dial.Transaction, 503, "the server is shutting down");
            FailOutbound(call, 503, "failed: the server is shutting down");
        }
        else if (AnswerPhone(call, dial) is { } leg)
        {
            OnAgentAnswered(call, leg);
        }
        else
        {
            FailOutbound(call, 400, "failed: the agent's phone sent no usable Contact");
        }

        return true;
    }

    /// <summary>A CANCEL for a number the phone dialled that the inbox is still filing: 487, and the call ends once filed.</summary>
    private bool CancelPhoneDial(SipServerTransaction invite)
    {
        if (!_phoneDials.TryGetValue(invite.Request.CallId, out var dial) || !ReferenceEquals(dial.Transaction, invite) || dial.Cancelled)
        {
            return false;
        }

        dial.Cancelled = true;
        Refuse(dial.Invite, dial.Transaction, 487, "cancelled by the phone");
        return true;
    }

    /// <summary>
    /// A CANCEL for a phone's INVITE that nothing owns yet (its credentials being checked, or its routing queued
    /// behind): 487 at once (RFC 3261 §9.2), and <see cref="RoutePhoneCall"/> then finds the INVITE answered.
    /// </summary>
    private bool CancelUnroutedPhoneCall(SipServerTransaction invite)
    {
        var request = invite.Request;
        if (request.To.Tag is not null || invite.State != SipTransactionState.Proceeding || calls.TryGet(request.CallId, out _) || !IsFromAgentPhone(request))
        {
            return false;
        }

        Refuse(request, invite, 487, "cancelled by the phone");
        return true;
    }

    /// <summary>
    /// Answers the phone's INVITE with our SDP and makes its dialog the call's agent leg, answered and hers, as if the
    /// server had rung it, with its session timer and RTP watch; null (the INVITE refused, the media released) when the
    /// INVITE has no usable Contact.
    /// </summary>
    private OutgoingLeg? AnswerPhone(TelephonyCall call, PhoneDial dial)
    {
        var (invite, transaction, phoneMedia) = (dial.Invite, dial.Transaction, dial.Media);
        var contact = AgentContact(transaction.Source);
        var tag = SipTag.Create();
        var ok = WithSessionTimer(SipResponseFactory.CreateBuilder(invite, 200, toTag: tag, source: transaction.Source.Address), dial.SessionTimer)
            .Header(SipHeaderId.Contact, contact)
            .Header(SipHeaderId.Allow, Allowed)
            .BuildResponse(phoneMedia.LocalSdp, "application/sdp");
        SipDialog dialog;
        try
        {
            dialog = SipDialog.CreateAsUas(invite, ok);
        }
        catch (SipFormatException e)
        {
            phoneMedia.Dispose();
            Refuse(invite, transaction, 400, "no usable Contact: " + e.Message);
            return null;
        }

        var fork = new OutgoingFork(invite, transaction.Source) { Done = true };
        var leg = new OutgoingLeg(invite.CallId, tag, dial.AgentId, call.InteractionId ?? string.Empty, offer: null)
        {
            PlacedByPhone = true,
            Accepted = true,
            State = OutgoingLegState.Answered,
            Winner = fork,
            Dialog = dialog,
            Media = phoneMedia,
        };
        leg.Forks.Add(fork);
        var pending = new PendingAnswer(transaction, ok, timeProvider.GetTimestamp(), timers.T1);
        leg.Session = new LegSession(dialog, transaction.Source, contact, phoneMedia) { Incoming = pending };
        call.Agent = leg;
        call.HeldByPhone = !phoneMedia.Media.RemoteDirection.CanReceive();
        calls.AddOutgoingLeg(call, leg);
        StartSessionTimer(call, leg.Session, dial.SessionTimer.Interval, weRefresh: dial.SessionTimer.Refresher == SessionRefresher.Uas);
        WatchLeg(call, phoneMedia, phoneMedia.Media.RemoteDirection);
        _ = SendAsync(call, transaction, ok);
        ArmResend(call, pending, () => HangUpFromServer(call, "no ACK from the agent's phone for the 200 OK"));
        return leg;
    }

    /// <summary>The SIP status that tells a phone why the inbox refused what it asked (a transfer, a call).</summary>
    private static (int Status, string Reason) StatusOf(Exception failure) => failure is InboxException { Error: var error } ? error switch
    {
        InboxError.FailedPrecondition => (480, "Temporarily Unavailable"),
        InboxError.ResourceExhausted => (486, "Busy Here"),
        InboxError.NotFound => (404, "Not Found"),
        InboxError.PermissionDenied => (403, "Forbidden"),
        _ => (500, "Server Internal Error"),
    } : (500, "Server Internal Error");
}

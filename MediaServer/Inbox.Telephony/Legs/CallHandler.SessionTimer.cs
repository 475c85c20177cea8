using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Session timers (RFC 4028) on every answered leg, the caller's, the phones' and the numbers' through a trunk: the
/// interval each INVITE asks of us is granted within our limits, and ours offer one (a 422 raises it to the peer's
/// Min-SE, for the INVITE and every refresh after); the refresher re-INVITEs at half the interval; when the peer
/// refreshes and does not, the leg is ended as its hang-up would end it (<c>CallHandler.LegTimeout.cs</c>) before the
/// session expires.
/// </summary>
/// <remarks>
/// <c>refresher=uac</c> and <c>uas</c> name roles in the transaction that carries them: in a request we receive the
/// UAC is the peer, in a response to ours it is us.
/// </remarks>
internal sealed partial class CallHandler
{
    private const string TimerOption = "timer";

    /// <summary>
    /// The session timer for an INVITE or re-INVITE we answer (RFC 4028 §9): what it asks for, lowered to our
    /// interval but not below its Min-SE; null when it asks for less than our Min-SE (it gets 422).
    /// </summary>
    private SessionExpires? GrantSessionTimer(SipRequest request)
    {
        var interval = _sessionExpires;
        SessionRefresher? asked = null;
        if (SessionExpires.TryParse(request.GetHeader(SipHeaderId.SessionExpires), out var wanted))
        {
            if (wanted.Interval < _minSessionExpires)
            {
                return null;
            }

            interval = wanted.Interval < interval ? wanted.Interval : interval;
            asked = wanted.Refresher;
        }

        if (SessionExpires.TryParseMinimum(request.GetHeader("Min-SE"), out var floor) && floor > interval)
        {
            interval = floor;
        }

        // A UAC without the extension cannot be asked to refresh, so we do; otherwise its choice, else it refreshes.
        var refresher = !Supports(request, TimerOption) ? SessionRefresher.Uas : asked ?? SessionRefresher.Uac;
        return new SessionExpires(interval, refresher);
    }

    // RFC 4028 §9: the 2xx names interval and refresher; a UAC that must refresh is told the extension is required.
    private static SipMessageBuilder WithSessionTimer(SipMessageBuilder response, SessionExpires granted)
    {
        response.Header(SipHeaderId.Supported, TimerOption).Header(SipHeaderId.SessionExpires, granted.ToString());
        return granted.Refresher == SessionRefresher.Uac ? response.Header(SipHeaderId.Require, TimerOption) : response;
    }

    /// <summary>
    /// What we ask for in an INVITE or re-INVITE we send (RFC 4028 §7.1); <paramref name="minimum"/> is a 422's Min-SE
    /// (§7.3), which the dialog's later refreshes keep (§7.4).
    /// </summary>
    private SipMessageBuilder AskSessionTimer(SipMessageBuilder request, SessionExpires wanted, TimeSpan? minimum = null) =>
        request.Header(SipHeaderId.Supported, TimerOption)
            .Header(SipHeaderId.SessionExpires, wanted.ToString())
            .Header("Min-SE", SessionExpires.Seconds(minimum ?? _minSessionExpires));

    /// <summary>
    /// Our first INVITE to a phone or a trunk, asking for our interval, or the <paramref name="minimum"/> a 422 raised
    /// it to, and letting the peer pick the refresher (RFC 4028 §7.1).
    /// </summary>
    private SipMessageBuilder AskSessionTimer(SipMessageBuilder invite, TimeSpan? minimum = null) =>
        AskSessionTimer(invite, new SessionExpires(AtLeast(_sessionExpires, minimum), Refresher: null), minimum);

    private static TimeSpan AtLeast(TimeSpan interval, TimeSpan? minimum) => minimum > interval ? minimum.Value : interval;

    /// <summary>
    /// The Min-SE of a 422 to our INVITE or refresh (RFC 4028 §7.3), to ask for next; null when it names none above the
    /// Session-Expires we asked for, so that a retry never repeats itself.
    /// </summary>
    private TimeSpan? RaisedMinimum(SipRequest invite, SipResponse tooBrief)
    {
        if (!SessionExpires.TryParseMinimum(tooBrief.GetHeader("Min-SE"), out var floor)
            || (SessionExpires.TryParse(invite.GetHeader(SipHeaderId.SessionExpires), out var asked) && floor <= asked.Interval))
        {
            return null;
        }

        TelephonyLog.SessionIntervalRaised(logger, invite.CallId, floor);
        return floor;
    }

    /// <summary>
    /// A phone's INVITE again after its 422 (RFC 4028 §7.3): the next CSeq and a new branch, Session-Expires and Min-SE
    /// raised to the 422's Min-SE, everything else as it was; null as for <see cref="RaisedMinimum"/>. Credentials are
    /// never copied (a nonce-count sent twice is a replay): a trunk's INVITE is built afresh instead.
    /// </summary>
    private SipRequest? RetryAboveMinimum(SipRequest invite, SipResponse tooBrief, SipEndPoint destination)
    {
        if (RaisedMinimum(invite, tooBrief) is not { } floor)
        {
            return null;
        }

        var retry = SipMessageBuilder.Request(SipMethod.Invite, invite.RequestUriText).Header(SipHeaderId.Via, NewVia(LocalFor(destination)).ToString());
        foreach (var (name, value) in invite.HeaderLines())
        {
            if (SipHeaderNames.Lookup(name) is not (SipHeaderId.Via or SipHeaderId.CSeq or SipHeaderId.Supported or SipHeaderId.SessionExpires
                or SipHeaderId.ContentType or SipHeaderId.ContentLength or SipHeaderId.Authorization or SipHeaderId.ProxyAuthorization)
                && !name.Equals("Min-SE", StringComparison.OrdinalIgnoreCase))
            {
                retry.Header(name, value);
            }
        }

        return AskSessionTimer(retry.Header(SipHeaderId.CSeq, $"{invite.CSeq.Number + 1} INVITE"), floor)
            .BuildRequest(invite.Body.Span, invite.ContentType);
    }

    /// <summary>The Min-SE the answering phone fork's INVITE carried, when a 422 raised it: the dialog's refreshes keep it (RFC 4028 §7.4).</summary>
    private void KeepRaisedMinimum(OutgoingLeg leg, OutgoingFork fork)
    {
        if (ReferenceEquals(leg.Winner, fork) && leg.Session is { } session
            && SessionExpires.TryParseMinimum(fork.Invite.GetHeader("Min-SE"), out var floor) && floor > _minSessionExpires)
        {
            session.Minimum = floor;
        }
    }

    /// <summary>
    /// The session timer from the 2xx to an INVITE we sent (RFC 4028 §7.2): the interval and refresher it names; without
    /// Session-Expires the peer does not do session timers, so we refresh at the interval we asked for.
    /// </summary>
    private void AdoptSessionTimer(TelephonyCall call, LegSession session, SipResponse response)
    {
        var named = SessionExpires.TryParse(response.GetHeader(SipHeaderId.SessionExpires), out var timer);
        StartSessionTimer(call, session, named ? timer.Interval : AtLeast(_sessionExpires, session.Minimum), weRefresh: !named || timer.Refresher != SessionRefresher.Uas);
    }

    /// <summary>The session was (re)established or refreshed: the next refresh, or the expiry watch, starts now.</summary>
    private void StartSessionTimer(TelephonyCall call, LegSession session, TimeSpan interval, bool weRefresh)
    {
        session.Interval = interval;
        session.WeRefresh = weRefresh;
        session.RefreshedAt = timeProvider.GetTimestamp();

        // RFC 4028 §10: refresh at half the interval; give up on the peer's refresh the smaller of 32 s and a third early.
        ArmSessionTimer(call, session, weRefresh ? interval / 2 : interval - ExpiryMargin(interval));
    }

    private static TimeSpan ExpiryMargin(TimeSpan interval) => interval / 3 < TimeSpan.FromSeconds(32) ? interval / 3 : TimeSpan.FromSeconds(32);

    private void ArmSessionTimer(TelephonyCall call, LegSession session, TimeSpan due)
    {
        session.Timer?.Dispose();
        var generation = ++session.TimerGeneration;
        session.Timer = timeProvider.CreateTimer(_ => Post(call, () => OnSessionTimer(call, session, generation)), null, due, Timeout.InfiniteTimeSpan);
    }

    private void OnSessionTimer(TelephonyCall call, LegSession session, int generation)
    {
        if (generation != session.TimerGeneration || call.IsEnded || session.Dialog.State == SipDialogState.Terminated)
        {
            return; // Re-armed or closed since it fired.
        }

        if (!session.WeRefresh)
        {
            EndTimedOutLeg(call, session.Media, "the session expired without a refresh (RFC 4028)");
            return;
        }

        if (session.Outgoing is null && session.Incoming is not { Done: false })
        {
            SendRefresh(call, session);
        }
    }

    // The refresh is a re-INVITE offering our SDP as it stands (same o= version: nothing changed, RFC 3264 §8), with
    // the dialog's Min-SE and never an interval below it (RFC 4028 §7.4).
    private void SendRefresh(TelephonyCall call, LegSession session)
    {
        var local = LocalFor(session.Destination);
        var wanted = new SessionExpires(AtLeast(session.Interval, session.Minimum), SessionRefresher.Uac);
        var invite = AskSessionTimer(session.Dialog.CreateRequest(SipMethod.Invite, NewVia(local)), wanted, session.Minimum)
            .Header(SipHeaderId.Contact, session.Contact)
            .Header(SipHeaderId.Allow, Allowed)
            .BuildRequest(session.LocalSdp, "application/sdp");
        try
        {
            session.Outgoing = _client!.SendRequest(invite, session.Destination, (_, response) => TryPost(call.CallId, () => OnRefreshRetransmitted(call, session, response)));
        }
        catch (InvalidOperationException e)
        {
            TelephonyLog.SendFailed(logger, call.CallId, e);
            return;
        }

        _ = session.Outgoing.Completion.ContinueWith(
            t => TryPost(call.CallId, () => OnRefreshAnswered(call, session, invite, t.IsCompletedSuccessfully ? t.Result : null)),
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void OnRefreshAnswered(TelephonyCall call, LegSession session, SipRequest invite, SipResponse? response)
    {
        session.Outgoing = null;
        if (call.IsEnded || session.Dialog.State == SipDialogState.Terminated)
        {
            return;
        }

        if (response is null or { StatusCode: 408 or 481 })
        {
            // RFC 4028 §10: the refresh timed out or the peer no longer knows the dialog.
            EndTimedOutLeg(call, session.Media, $"the session refresh failed with {response?.StatusCode ?? 503}");
            return;
        }

        if (response.StatusCode == 422 && RaisedMinimum(invite, response) is { } floor)
        {
            // RFC 4028 §7.3: too brief for the peer now; ask again at once for its Min-SE, which the dialog keeps.
            session.Minimum = floor;
            if (session.Incoming is not { Done: false })
            {
                SendRefresh(call, session);
            }

            return;
        }

        if (!response.IsSuccess)
        {
            // Refused (491, 500...): try again halfway to expiry, until too little time is left.
            var left = session.Interval - ExpiryMargin(session.Interval) - timeProvider.GetElapsedTime(session.RefreshedAt);
            if (left < TimeSpan.FromSeconds(2))
            {
                EndTimedOutLeg(call, session.Media, $"the session could not be refreshed ({response.StatusCode})");
                return;
            }

            ArmSessionTimer(call, session, left / 2);
            return;
        }

        session.OutgoingAck = session.Dialog.CreateAck(invite.CSeq.Number, NewVia(LocalFor(session.Destination))).BuildRequest();
        session.Dialog.RefreshRemoteTarget(response);
        if (SessionRenegotiation.ReadAnswer(session, response.Body.Span) is { Media: { } negotiated })
        {
            Apply(call, session, negotiated);
        }

        // The session is refreshed from here: the timer restarts before the ACK tells the peer so.
        AdoptSessionTimer(call, session, response);
        _ = SendStatelessAsync(call, session.OutgoingAck, session.Destination);
    }

    // RFC 3261 §13.2.2.4: a retransmitted 2xx gets the same ACK again.
    private void OnRefreshRetransmitted(TelephonyCall call, LegSession session, SipResponse response)
    {
        if (response.IsSuccess && session.OutgoingAck is { } ack && ack.CSeq.Number == response.CSeq.Number)
        {
            _ = SendStatelessAsync(call, ack, session.Destination);
        }
    }

    private static bool Supports(SipMessage message, string option) =>
        message.GetHeaderValues(SipHeaderId.Supported).Contains(option, StringComparer.OrdinalIgnoreCase)
        || message.GetHeaderValues(SipHeaderId.Require).Contains(option, StringComparer.OrdinalIgnoreCase);
}

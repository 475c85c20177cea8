using System.Net;
using Inbox.Media.Sdp;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// re-INVITEs on any answered leg (RFC 3261 §14.2, RFC 3264 §8): the caller's, an agent's phone, a trunk's far end
/// (the customer of a call an agent placed, a number a call was transferred to): answered on the same ports with the
/// codec in use, the peer's direction mirrored; glare gets 491, an overlap 500 with Retry-After, an offer we cannot
/// take 488 and the session stays as it was. An offerless re-INVITE gets our SDP as the offer and its ACK the answer.
/// </summary>
internal sealed partial class CallHandler
{
    private async Task HandleReinviteAsync(SipRequest request, SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        if (calls.TryGetByOutgoingLeg(request.CallId, out var owner) || calls.TryGetByTrunkLeg(request.CallId, out owner, out _))
        {
            // A phone's or a trunk's dialog belongs to the executor of the call it serves, like its BYE.
            if (!TryPost(owner.CallId, () => OnReinvite(owner, request, transaction)))
            {
                await transaction.SendResponseAsync(SipResponseFactory.Create(request, 503, source: transaction.Source.Address), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (calls.TryGetInbound(request.CallId, out var call) && call.Owns(request))
        {
            OnReinvite(call, request, transaction);
            return;
        }

        await RefuseAsync(request, transaction, 481, "no such call", cancellationToken).ConfigureAwait(false);
    }

    private void OnReinvite(TelephonyCall call, SipRequest request, SipServerTransaction transaction)
    {
        var session = SessionOf(call, request);
        if (session is null || call.IsEnded)
        {
            // Still ringing, the caller's INVITE has no final response yet: she may try again later (RFC 3261 §14.2).
            var early = call is InboundCall { State: InboundCallState.Ringing } && request.CallId == call.CallId;
            ReplyInDialog(call, request, transaction, early ? 500 : 481, early ? "the call is not answered yet" : "no such dialog", early);
            return;
        }

        if (!session.Dialog.TryAcceptRemoteSequence(request))
        {
            ReplyInDialog(call, request, transaction, 500, "CSeq is not above the last request's (RFC 3261 §12.2.2)");
            return;
        }

        if (session.Outgoing is not null)
        {
            ReplyInDialog(call, request, transaction, 491, "our own re-INVITE is in progress");
            return;
        }

        if (session.Incoming is { Done: false })
        {
            ReplyInDialog(call, request, transaction, 500, "the previous INVITE is still in progress", retryAfter: true);
            return;
        }

        if (GrantSessionTimer(request) is not { } granted)
        {
            ReplyInDialog(call, request, transaction, 422, "Session-Expires is below our Min-SE");
            return;
        }

        var offerless = request.Body.IsEmpty;
        var outcome = offerless ? new RenegotiationOutcome(null, session.LocalSdp, null) : SessionRenegotiation.Answer(session, request.Body.Span);
        if (outcome.Failure is { } failure)
        {
            ReplyInDialog(call, request, transaction, 488, failure);
            return;
        }

        if (outcome.Media is { } negotiated)
        {
            Apply(call, session, negotiated);
        }

        session.Dialog.RefreshRemoteTarget(request);
        session.LocalSdp = outcome.Sdp!;
        // RFC 4028 §9: every leg keeps a session timer, and the re-INVITE (a refresh or not) restarts it.
        var ok = WithSessionTimer(SipResponseFactory.CreateBuilder(request, 200, source: transaction.Source.Address), granted)
            .Header(SipHeaderId.Contact, session.Contact)
            .Header(SipHeaderId.Allow, Allowed)
            .BuildResponse(session.LocalSdp, "application/sdp");
        session.Incoming = new PendingAnswer(transaction, ok, timeProvider.GetTimestamp(), timers.T1) { AwaitsAnswer = offerless };
        _ = SendAsync(call, transaction, ok);
        // The leg whose peer went silent ends as its own timeout would: a supervisor's or participant's phone must
        // not take the customer's call down with it.
        ArmResend(call, session.Incoming, () => EndTimedOutLeg(call, session.Media, "no ACK for the 200 OK to a re-INVITE"));
        StartSessionTimer(call, session, granted.Interval, weRefresh: granted.Refresher == SessionRefresher.Uas);

        TelephonyLog.Reinvited(logger, call.CallId, request.CallId, session.RemoteDirection, offerless);
    }

    /// <summary>The ACK for our 2xx to a re-INVITE: retransmission stops, and an offerless re-INVITE's answer is applied.</summary>
    private void OnSessionAck(TelephonyCall call, SipRequest ack)
    {
        if (SessionOf(call, ack) is not { Incoming: { } pending } session || !pending.IsAckedBy(ack))
        {
            return;
        }

        pending.Stop();
        if (!pending.AwaitsAnswer)
        {
            return;
        }

        var outcome = SessionRenegotiation.ReadAnswer(session, ack.Body.Span);
        if (outcome.Media is { } negotiated)
        {
            Apply(call, session, negotiated);
        }
        else
        {
            // The session goes on as it was; RFC 3261 §14.2 leaves a bad answer in an ACK to the UAS's judgement.
            TelephonyLog.AnswerRefused(logger, call.CallId, ack.CallId, outcome.Failure!);
        }
    }

    /// <summary>Puts a renegotiated leg's media into effect: where its stream goes, and hold when the phone will not receive.</summary>
    private void Apply(TelephonyCall call, LegSession session, SdpNegotiatedMedia negotiated)
    {
        (string Address, int Port) rtp = (negotiated.RemoteAddress.Address, negotiated.RemotePort);
        if (rtp != session.RemoteRtp && !negotiated.RemoteAddress.IsUnspecified)
        {
            session.RemoteRtp = rtp;
            session.Media.Session.SetRemote(new IPEndPoint(IPAddress.Parse(rtp.Address), rtp.Port));
        }

        if (session.RemoteDirection != negotiated.RemoteDirection)
        {
            session.RemoteDirection = negotiated.RemoteDirection;
            WatchLeg(call, session.Media, session.RemoteDirection);
        }

        if (call.Agent is { Session: { } phone } && ReferenceEquals(phone, session))
        {
            SetPhoneHold(call, !negotiated.RemoteDirection.CanReceive());
        }
    }

    /// <summary>The session of the call's leg that <paramref name="request"/> is in, if any.</summary>
    private static LegSession? SessionOf(TelephonyCall call, SipRequest request) => SessionsOf(call).FirstOrDefault(s => s.Owns(request));

    private void ReplyInDialog(TelephonyCall call, SipRequest request, SipServerTransaction transaction, int statusCode, string reason, bool retryAfter = false)
    {
        TelephonyLog.ReinviteRefused(logger, call.CallId, request.CallId, statusCode, reason);
        var builder = Explain(SipResponseFactory.CreateBuilder(request, statusCode, source: transaction.Source.Address), statusCode, reason);
        if (retryAfter)
        {
            // RFC 3261 §14.2: a random 0-10 s, so both sides do not retry in step.
            builder.Header("Retry-After", Random.Shared.Next(0, 11).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _ = SendAsync(call, transaction, builder.BuildResponse());
    }
}

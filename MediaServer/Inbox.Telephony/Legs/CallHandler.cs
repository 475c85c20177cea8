using System.Collections.Immutable;
using Inbox.Media.Sessions;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Stack;
using Inbox.Sip.Transactions;
using Inbox.Telephony.Calls;
using Inbox.Telephony.Features;
using Inbox.Telephony.Phones;
using Inbox.Telephony.Routing;
using Inbox.Telephony.Trunks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Call control, the B2BUA: answers INVITEs to configured numbers (the caller's offer is answered by the media engine,
/// 180 Ringing goes out, the inbox files a pending interaction, then 200 OK with our SDP and hold music until an agent
/// is bridged or she hangs up), places the calls to agents' phones (<c>CallHandler.Offer.cs</c>,
/// <c>CallHandler.Agent.cs</c>), and runs the agents' actions (<c>CallHandler.Actions.cs</c>). The ACK, CANCEL and BYE
/// side of the caller's dialog is in <c>CallHandler.Dialog.cs</c>; calls agents' own phones place through the server
/// (an INVITE from an agent's extension to anything but a campaign's number) in <c>CallHandler.PhoneCall.cs</c>.
/// </summary>
/// <remarks>
/// Every call's state is touched only on the SIP executor that owns its Call-ID: work after an await (the inbox)
/// is posted back there through <see cref="ISipCallExecutor"/>.
/// </remarks>
internal sealed partial class CallHandler(
    NumberRouter router, MediaLegFactory media, HoldMusicLibrary holdMusic, ITelephonyInbox inbox, CallRegistry calls, ParkingLot parkingLot,
    IAgentPhoneLocator phoneLocator, CallFeatureFactory features, CallQualityMonitor quality, TrunkRouter trunks, PhoneAuthenticator phoneAuthenticator, IOptions<TelephonyOptions> options,
    SipTimerOptions timers, TimeProvider timeProvider, ILogger<CallHandler> logger) : ISipInviteHandler
{
    private readonly TimeSpan _ringTime = options.Value.RingTime;
    private readonly TimeSpan _parkTimeout = options.Value.Park.Timeout;
    private readonly TimeSpan _sessionExpires = options.Value.SessionExpires;
    private readonly TimeSpan _minSessionExpires = options.Value.MinSessionExpires;
    private readonly TimeSpan _rtpTimeout = options.Value.RtpTimeout;
    private ISipCallExecutor? _executor;
    private ISipClient? _client;

    public SipMethod Method => SipMethod.Invite;

    public void Bind(ISipCallExecutor executor, ISipClient client)
    {
        _executor = executor;
        _client = client;
        _rtpWatch = _rtpTimeout > TimeSpan.Zero ? new RtpInactivityMonitor(_rtpTimeout, OnRtpInactive, timeProvider) : null;
    }

    public async Task HandleAsync(SipRequest request, SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        if (request.To.Tag is not null)
        {
            await HandleReinviteAsync(request, transaction, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (IsShuttingDown)
        {
            await RefuseAsync(request, transaction, 503, "the server is shutting down", cancellationToken).ConfigureAwait(false);
            return;
        }

        var number = request.RequestUri.User;
        if (!router.TryRoute(number, out var campaignId) && IsFromAgentPhone(request))
        {
            await HandlePhoneCallAsync(request, transaction, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (campaignId is null)
        {
            await RefuseAsync(request, transaction, 404, "no campaign answers this number", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (calls.TryGetInbound(request.CallId, out _))
        {
            // The same call reaching us twice by different paths (RFC 3261 §8.2.2.2).
            await RefuseAsync(request, transaction, 482, "the call is already in progress", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (GrantSessionTimer(request) is not { } sessionTimer)
        {
            await RefuseAsync(request, transaction, 422, "Session-Expires is below our Min-SE", cancellationToken).ConfigureAwait(false);
            return;
        }

        var outcome = media.Create(request.Body.Span, rate => holdMusic.Create(campaignId, rate));
        if (outcome.Leg is not { } leg)
        {
            await RefuseAsync(request, transaction, outcome.StatusCode, outcome.Reason!, cancellationToken).ConfigureAwait(false);
            return;
        }

        var call = new InboundCall(request, transaction, SipTag.Create(), campaignId, leg)
        {
            ArrivedAt = timeProvider.GetTimestamp(),
            StartedAt = timeProvider.GetUtcNow(),
            SessionTimer = sessionTimer,
        };
        calls.TryAdd(call);
        await SendAsync(call, Response(call, 180).BuildResponse(), cancellationToken).ConfigureAwait(false);
        _ = QueueAsync(call, number!, cancellationToken);
    }

    private async Task QueueAsync(InboundCall call, string number, CancellationToken cancellationToken)
    {
        var caller = call.Invite.From;
        var clientInfo = ImmutableDictionary<string, string>.Empty
            .Add(TelephonyChannel.CallIdKey, call.CallId)
            .Add("sip.dialled", number)
            .Add("sip.from", caller.Uri.ToString());
        if (call.Invite.GetHeader(SipHeaderId.UserAgent) is { } userAgent)
        {
            clientInfo = clientInfo.Add("sip.userAgent", userAgent);
        }

        string? interactionId = null;
        Exception? failure = null;
        try
        {
            interactionId = await inbox.OpenCallAsync(
                call.CampaignId, caller.Uri.User ?? caller.Uri.Host, caller.DisplayName, clientInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure = e;
        }

        Post(call, () => OnQueued(call, interactionId, failure));
    }

    private void OnQueued(InboundCall call, string? interactionId, Exception? failure)
    {
        call.InteractionId = interactionId;
        if (call.State == InboundCallState.Ended)
        {
            // She hung up while the inbox was filing the call.
            Abandon(call);
            return;
        }

        if (failure is not null)
        {
            TelephonyLog.InboxFailed(logger, call.CallId, "queue the call", failure);
            End(call, "the inbox refused the call");
            _ = SendAsync(call, Response(call, 480, "Temporarily Unavailable").Header(SipHeaderId.Warning, Warning(399, failure.Message)).BuildResponse(), default);
            return;
        }

        var ringing = _ringTime - timeProvider.GetElapsedTime(call.ArrivedAt);
        if (ringing > TimeSpan.Zero)
        {
            call.Timer = timeProvider.CreateTimer(_ => Post(call, () => Answer(call)), null, ringing, Timeout.InfiniteTimeSpan);
            return;
        }

        Answer(call);
    }

    private void Answer(InboundCall call)
    {
        call.Timer?.Dispose();
        call.Timer = null;
        if (call.State != InboundCallState.Ringing)
        {
            return;
        }

        var number = call.Invite.RequestUri.User!;
        var uri = call.Invite.RequestUri;
        var transport = call.Transaction.Source.IsReliable ? ";transport=" + call.Transaction.Source.Protocol.ToString().ToLowerInvariant() : string.Empty;
        var contact = $"<sip:{number}@{uri.Host}{(uri.Port is { } port ? ":" + port : string.Empty)}{transport}>";
        var ok = WithSessionTimer(Response(call, 200), call.SessionTimer)
            .Header(SipHeaderId.Contact, contact)
            .Header(SipHeaderId.Allow, Allowed)
            .BuildResponse(call.Leg.LocalSdp, "application/sdp");
        call.State = InboundCallState.Answered;
        call.Pending = new PendingAnswer(call.Transaction, ok, timeProvider.GetTimestamp(), timers.T1);
        try
        {
            call.Dialog = SipDialog.CreateAsUas(call.Invite, ok);
            call.Session = new LegSession(call.Dialog, call.Transaction.Source, contact, call.Leg) { Incoming = call.Pending };
            StartSessionTimer(call, call.Session, call.SessionTimer.Interval, weRefresh: call.SessionTimer.Refresher == SessionRefresher.Uas);
        }
        catch (SipFormatException)
        {
            // No usable Contact: the call goes on, but the server cannot send her a BYE (RFC 3261 §12.1.1).
        }

        call.Leg.StartPlayback();
        WatchLeg(call, call.Leg, call.Leg.Media.RemoteDirection);
        TelephonyLog.CallQueued(logger, call.CallId, call.Invite.From.Uri, number, call.CampaignId, call.InteractionId!, call.Leg.Media.Codec.EncodingName);
        _ = SendAsync(call, ok, default);
        ArmResend(call, call.Pending, () =>
        {
            End(call, "no ACK for the 200 OK");
            Abandon(call);
        });
    }

    private static SipMessageBuilder Response(InboundCall call, int statusCode, string? reason = null) =>
        SipResponseFactory.CreateBuilder(call.Invite, statusCode, reason, call.LocalTag, call.Transaction.Source.Address);

    private async Task RefuseAsync(SipRequest request, SipServerTransaction transaction, int statusCode, string reason, CancellationToken cancellationToken) =>
        await transaction.SendResponseAsync(Refusal(request, transaction, statusCode, reason), cancellationToken).ConfigureAwait(false);

    /// <summary>Refuses a request from the call's executor, where nothing may wait for the send.</summary>
    private void Refuse(SipRequest request, SipServerTransaction transaction, int statusCode, string reason) =>
        _ = SendAsync(request.CallId, transaction, Refusal(request, transaction, statusCode, reason));

    private SipResponse Refusal(SipRequest request, SipServerTransaction transaction, int statusCode, string reason)
    {
        TelephonyLog.CallRefused(logger, request.CallId, request.RequestUri.User, statusCode, reason);
        return Explain(SipResponseFactory.CreateBuilder(request, statusCode, toTag: SipTag.Create(), source: transaction.Source.Address), statusCode, reason)
            .BuildResponse();
    }

    // What a refusal carries: a Warning with the reason, 305 "Incompatible media format" when no codec is shared and
    // 399 (miscellaneous) otherwise (RFC 3261 §20.43); and on a 422 the Min-SE it must name (RFC 4028 §6).
    private SipMessageBuilder Explain(SipMessageBuilder builder, int statusCode, string reason)
    {
        builder.Header(SipHeaderId.Warning, Warning(statusCode == 488 && reason.StartsWith("no common codec", StringComparison.Ordinal) ? 305 : 399, reason));
        return statusCode == 422 ? builder.Header("Min-SE", SessionExpires.Seconds(_minSessionExpires)) : builder;
    }

    // warning-value = warn-code SP warn-agent SP warn-text, the text a quoted string (RFC 3261 §20.43, §25.1).
    private static string Warning(int code, string text) =>
        $"{code} inbox \"{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    private void Post(TelephonyCall call, Action work)
    {
        if (_executor is null || !_executor.TryPost(call.CallId, work))
        {
            TelephonyLog.ExecutorOverloaded(logger, call.CallId);
        }
    }

    private Task SendAsync(InboundCall call, SipResponse response, CancellationToken cancellationToken) =>
        SendAsync(call.CallId, call.Transaction, response, cancellationToken);

    // A response that cannot leave (transport gone, shutting down) is only logged: the transaction ends by itself.
    private async Task SendAsync(string callId, SipServerTransaction transaction, SipResponse response, CancellationToken cancellationToken = default)
    {
        try
        {
            await transaction.SendResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Inbox.Sip.Transport.SipTransportException or OperationCanceledException)
        {
            TelephonyLog.SendFailed(logger, callId, e);
        }
    }
}

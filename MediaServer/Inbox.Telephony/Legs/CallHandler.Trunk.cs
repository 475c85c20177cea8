using System.Net;
using System.Net.Sockets;
using Inbox.Sip.Auth;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transport;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Dialling an external number through a trunk for a call (<see cref="DialExternal"/>): INVITE with our SDP offer, a
/// digest retry when the trunk challenges and a larger session interval after a 422 (in either order), ringing and
/// early media, the answer and its ACK. How the leg ends (ring timeout, BYE, CANCEL) is in <c>CallHandler.TrunkEnding.cs</c>.
/// </summary>
internal sealed partial class CallHandler
{
    private readonly TimeSpan _dialTimeout = options.Value.DialTimeout;

    /// <summary>
    /// Dials <paramref name="route"/> for <paramref name="owner"/>, whose executor this must run on. The leg's media (its
    /// hold music is the owner campaign's) is bridged by the caller once <see cref="TrunkLeg.State"/> says so:
    /// <paramref name="changed"/> runs on the same executor at every change, the last time with
    /// <see cref="TrunkLegState.Ended"/> and <see cref="TrunkLeg.EndReason"/> (never from within this call). Rings
    /// at most <c>Telephony:DialTimeout</c>, then ends as "no answer". End it early with <see cref="HangUpExternal"/>.
    /// </summary>
    public TrunkLeg DialExternal(TelephonyCall owner, OutboundRoute route, Action<TrunkLeg> changed)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(route);
        var leg = new TrunkLeg(owner.CallId, Guid.NewGuid().ToString("N"), SipTag.Create(), route, media.CreateOffer(), changed);
        if (leg.Offer is null)
        {
            TryPost(owner.CallId, () => FailTrunkLeg(leg, 503, "no free RTP port"));
            return leg;
        }

        calls.AddTrunkLeg(owner, leg);
        leg.Timer = timeProvider.CreateTimer(_ => TryPost(owner.CallId, () => OnDialTimeout(leg)), null, _dialTimeout, Timeout.InfiniteTimeSpan);
        TelephonyLog.DiallingTrunk(logger, owner.CallId, route.Dialled, route.Trunk.Id, leg.CallId);
        _ = ResolveAndInviteAsync(owner, leg);
        return leg;
    }

    /// <summary>Ends the call through the trunk: BYE once answered, CANCEL while it rings. Runs on the owner's executor; <see cref="TrunkLeg.Changed"/> is not told.</summary>
    public void HangUpExternal(TrunkLeg leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        if (leg.State == TrunkLegState.Ended)
        {
            return;
        }

        ByeOrCancelTrunk(leg);
        leg.EndReason ??= "hung up by the server";
        EndTrunkLeg(leg);
    }

    private async Task ResolveAndInviteAsync(TelephonyCall owner, TrunkLeg leg)
    {
        var trunk = leg.Route.Trunk;
        IPAddress? address = null;
        try
        {
            address = IPAddress.TryParse(trunk.Host, out var literal)
                ? literal
                : Array.Find(await Dns.GetHostAddressesAsync(trunk.Host).ConfigureAwait(false), a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6);
        }
        catch (SocketException e)
        {
            TelephonyLog.SendFailed(logger, owner.CallId, e);
        }

        TryPost(owner.CallId, () =>
        {
            if (leg.State == TrunkLegState.Ended)
            {
                return;
            }

            if (address is null)
            {
                FailTrunkLeg(leg, 503, $"the trunk's address {trunk.Host} does not resolve");
                return;
            }

            leg.Destination = new SipEndPoint(trunk.Transport, new IPEndPoint(address, trunk.Port));
            SendTrunkInvite(owner, leg);
        });
    }

    // Every INVITE is built afresh: credentials for the challenge with the next nonce-count, the session interval a 422 raised.
    private void SendTrunkInvite(TelephonyCall owner, TrunkLeg leg)
    {
        var destination = leg.Destination!.Value;
        var local = LocalFor(destination);
        var trunk = leg.Route.Trunk;
        var port = trunk.Port == Trunk.DefaultPort ? string.Empty : ":" + trunk.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var transport = destination.IsReliable ? ";transport=" + destination.Protocol.ToString().ToLowerInvariant() : string.Empty;
        var requestUri = $"sip:{leg.Route.Dialled}@{trunk.UriHost}{port}{transport}";
        var builder = SipMessageBuilder.Request(SipMethod.Invite, requestUri)
            .Header(SipHeaderId.Via, NewVia(local).ToString())
            .Header(SipHeaderId.MaxForwards, 70)
            .Header(SipHeaderId.From, new SipNameAddress(new SipUri("sip", trunk.FromUser, trunk.UriHost), trunk.FromName).WithTag(leg.LocalTag).ToString())
            .Header(SipHeaderId.To, new SipNameAddress(new SipUri("sip", leg.Route.Dialled, trunk.UriHost)).ToString())
            .Header(SipHeaderId.CallId, leg.CallId)
            .Header(SipHeaderId.CSeq, $"{leg.CSeq} INVITE")
            .Header(SipHeaderId.Contact, new SipNameAddress(new SipUri("sip", "inbox", HostOf(local), local.Address.Port)).ToString())
            .Header(SipHeaderId.Allow, Allowed);
        if (leg.Challenge is { } challenge)
        {
            // RFC 7616 §3.4: a nonce reused by a new request counts up, or a strict trunk takes it for a replay.
            builder.Header(leg.CredentialsHeader, DigestClient.CreateAuthorization(challenge, trunk.Username!, trunk.Password!, "INVITE", requestUri, ++leg.NonceCount));
        }

        StartTrunkInvite(owner, leg, AskSessionTimer(builder, leg.SessionMinimum).BuildRequest(leg.Offer!.Sdp, "application/sdp"));
    }

    private void StartTrunkInvite(TelephonyCall owner, TrunkLeg leg, SipRequest invite)
    {
        var destination = leg.Destination!.Value;
        leg.Invite = invite;
        leg.Proceeding = false;
        leg.InviteDone = false;
        try
        {
            leg.Transaction = _client!.SendRequest(invite, destination, (_, response) => TryPost(owner.CallId, () => OnTrunkResponse(owner, leg, invite, response)));
            _ = leg.Transaction.Completion.ContinueWith(
                t => TryPost(owner.CallId, () => OnTrunkFinal(owner, leg, invite, t.IsCompletedSuccessfully ? t.Result : null)),
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        catch (InvalidOperationException e)
        {
            leg.InviteDone = true;
            FailTrunkLeg(leg, 503, e.Message);
        }
    }

    // 1xx, and (RFC 6026 §7.2) every 2xx after the first: retransmissions, or another fork's answer.
    private void OnTrunkResponse(TelephonyCall owner, TrunkLeg leg, SipRequest invite, SipResponse response)
    {
        if (!ReferenceEquals(invite, leg.Invite))
        {
            return;
        }

        if (!response.IsProvisional)
        {
            if (leg.Ack is { } ack && leg.Dialog?.Id.RemoteTag == response.To.Tag)
            {
                _ = SendStatelessAsync(owner, ack, leg.Destination!.Value);
            }
            else
            {
                AckAndBye(owner, invite, leg.Destination!.Value, response);
            }

            return;
        }

        leg.Proceeding = true;
        if (leg.CancelWanted)
        {
            SendTrunkCancel(leg);
            return;
        }

        if (leg.State is not (TrunkLegState.Calling or TrunkLegState.Ringing) || response.StatusCode is not (180 or 183))
        {
            return;
        }

        // RFC 3261 §13.2.1 / RFC 3960: SDP in a provisional answers our offer, and the far end's tones flow as early media.
        if (!response.Body.IsEmpty && CompleteTrunkMedia(owner, leg, response) is null)
        {
            return;
        }

        var state = leg.Media is null ? TrunkLegState.Ringing : TrunkLegState.EarlyMedia;
        if (state != leg.State || response.StatusCode != leg.Status)
        {
            (leg.State, leg.Status) = (state, response.StatusCode);
            leg.Changed(leg);
        }
    }

    private void OnTrunkFinal(TelephonyCall owner, TrunkLeg leg, SipRequest invite, SipResponse? response)
    {
        if (!ReferenceEquals(invite, leg.Invite))
        {
            return;
        }

        leg.InviteDone = true;
        if (response is { IsSuccess: true })
        {
            OnTrunkAnswered(owner, leg, invite, response);
            return;
        }

        if (leg.State == TrunkLegState.Ended)
        {
            calls.RemoveTrunkLeg(leg.CallId); // The 487 for our CANCEL, or a late failure.
            return;
        }

        if (response is { StatusCode: 401 or 407 } && TryAuthenticate(owner, leg, response))
        {
            return;
        }

        if (response is { StatusCode: 422 } && RaisedMinimum(invite, response) is { } floor)
        {
            leg.SessionMinimum = floor;
            leg.CSeq++;
            SendTrunkInvite(owner, leg);
            return;
        }

        if (response is null || (leg.Transaction?.TimedOut == true && !leg.Proceeding))
        {
            FailTrunkLeg(leg, 503, "the trunk did not respond");
            return;
        }

        FailTrunkLeg(leg, response.StatusCode, response.ReasonPhrase);
    }

    // RFC 3261 §22.2: the same request again with credentials for the challenge, the same Call-ID and From tag, the next CSeq.
    private bool TryAuthenticate(TelephonyCall owner, TrunkLeg leg, SipResponse challenge)
    {
        var trunk = leg.Route.Trunk;
        var proxy = challenge.StatusCode == 407;
        var header = proxy ? SipHeaderId.ProxyAuthenticate : SipHeaderId.WwwAuthenticate;

        // One challenge per header line: a challenge's own parameters are comma-separated, so no list splitting.
        List<string> challenges = [.. challenge.HeaderLines().Where(h => SipHeaderNames.Lookup(h.Key) == header).Select(h => h.Value)];
        if (leg.Challenge is not null || trunk.Username is null || trunk.Password is null
            || !DigestClient.TrySelectChallenge(challenges, out var selected))
        {
            return false;
        }

        (leg.Challenge, leg.CredentialsHeader, leg.NonceCount) = (selected, proxy ? SipHeaderId.ProxyAuthorization : SipHeaderId.Authorization, 0);
        leg.CSeq++;
        SendTrunkInvite(owner, leg);
        return true;
    }

    private void OnTrunkAnswered(TelephonyCall owner, TrunkLeg leg, SipRequest invite, SipResponse response)
    {
        var destination = leg.Destination!.Value;
        if (leg.State == TrunkLegState.Ended)
        {
            // Answered after we gave up (timeout, hang-up): the CANCEL crossed the 200 (RFC 3261 §9.1).
            AckAndBye(owner, invite, destination, response);
            calls.RemoveTrunkLeg(leg.CallId);
            return;
        }

        try
        {
            leg.Dialog = SipDialog.CreateAsUac(invite, response);
        }
        catch (Exception e) when (e is SipFormatException or ArgumentException)
        {
            FailTrunkLeg(leg, 502, "unusable 200 OK: " + e.Message);
            return;
        }

        leg.Ack = leg.Dialog.CreateAck(invite.CSeq.Number, NewVia(LocalFor(destination))).BuildRequest();
        _ = SendStatelessAsync(owner, leg.Ack, destination);
        if (leg.Media is null && CompleteTrunkMedia(owner, leg, response) is null)
        {
            return;
        }

        leg.Timer?.Dispose();
        leg.Timer = null;
        leg.Session = new LegSession(leg.Dialog, destination, AgentContact(destination), leg.Media!) { Minimum = leg.SessionMinimum };
        AdoptSessionTimer(owner, leg.Session, response);
        WatchLeg(owner, leg.Media!, leg.Media!.Media.RemoteDirection);
        (leg.State, leg.Status) = (TrunkLegState.Answered, response.StatusCode);
        leg.Changed(leg);
    }

    // The customer's media from the trunk's SDP answer; a bad answer fails the leg (and null comes back).
    private MediaLeg? CompleteTrunkMedia(TelephonyCall owner, TrunkLeg leg, SipResponse response)
    {
        var outcome = media.Complete(leg.Offer!, response.Body.Span, rate => holdMusic.Create(owner.CampaignId, rate));
        if (outcome.Leg is null)
        {
            ByeOrCancelTrunk(leg);
            FailTrunkLeg(leg, outcome.StatusCode, outcome.Reason);
        }

        return leg.Media = outcome.Leg;
    }
}

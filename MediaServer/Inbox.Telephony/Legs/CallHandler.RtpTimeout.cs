using System.Collections.Concurrent;
using Inbox.Media.Sdp;
using Inbox.Media.Sessions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Legs whose RTP stops (a caller, phone or number gone without BYE) are ended after <c>Telephony:RtpTimeout</c> as
/// their hang-up would end them (<c>CallHandler.LegTimeout.cs</c>): one <see cref="RtpInactivityMonitor"/> timer
/// watches every answered leg of every kind of call, and a leg on hold by SDP is not watched. The same calls start and
/// end the leg's quality watch (<c>CallHandler.LegQuality.cs</c>), which goes on through hold.
/// </summary>
internal sealed partial class CallHandler : IAsyncDisposable
{
    // Each watched leg's session → the Call-ID of the call it belongs to, whose executor handles the timeout.
    private readonly ConcurrentDictionary<RtpSession, string> _watched = new();
    private RtpInactivityMonitor? _rtpWatch;
    private int _disposed;

    /// <summary>Legs whose RTP is watched, as call control and as the monitor count them.</summary>
    internal (int Calls, int Monitor) WatchedLegCount => (_watched.Count, _rtpWatch?.Count ?? 0);

    public async ValueTask DisposeAsync()
    {
        // The container disposes this once as itself and once as a request handler.
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _rtpWatch is { } monitor)
        {
            await monitor.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The leg is answered or renegotiated. A leg on hold by SDP may fall silent, so its RTP is not watched; its timeout
    // counts afresh once it is back. Its quality is scored either way (a silent window is left out of the summary).
    private void WatchLeg(TelephonyCall call, MediaLeg leg, SdpDirection remoteDirection)
    {
        WatchQuality(call, leg);
        if (remoteDirection != SdpDirection.SendRecv)
        {
            ForgetRtpActivity(leg);
            return;
        }

        _watched[leg.Session] = call.CallId;
        _rtpWatch?.Watch(leg.Session);
    }

    /// <summary>The leg is going: neither its RTP nor its quality is watched any more.</summary>
    private void ForgetLeg(MediaLeg leg)
    {
        ForgetRtpActivity(leg);
        ForgetQuality(leg);
    }

    private void ForgetRtpActivity(MediaLeg leg)
    {
        _watched.TryRemove(leg.Session, out _);
        _rtpWatch?.Forget(leg.Session);
    }

    // On the monitor's timer: the call's executor decides.
    private void OnRtpInactive(RtpSession session)
    {
        if (_watched.TryGetValue(session, out var callId))
        {
            TryPost(callId, () => OnRtpTimeout(callId, session));
        }
    }

    private void OnRtpTimeout(string callId, RtpSession session)
    {
        if (!calls.TryGet(callId, out var call) || call.IsEnded || !_watched.ContainsKey(session) || MediaOf(call, session) is not { } leg)
        {
            return;
        }

        if (SessionOf(call, leg)?.RemoteDirection is not (null or SdpDirection.SendRecv))
        {
            return; // Put on hold since the report: silence is expected.
        }

        EndTimedOutLeg(call, leg, $"no RTP for {_rtpTimeout.TotalSeconds:0} s");
    }
}

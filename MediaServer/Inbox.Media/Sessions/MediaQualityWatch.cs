using Inbox.Media.Quality;
using Inbox.Media.Rtcp;

namespace Inbox.Media.Sessions;

/// <summary>
/// One watched session's state in <see cref="MediaQualityMonitor"/>: its E-model window, the receive totals at the
/// last tick (so the window gets interval loss, never cumulative loss) and when its next RTCP report is due. Not
/// thread-safe: touched only by the monitor's timer loop.
/// </summary>
internal sealed class MediaQualityWatch
{
    private readonly QualityWindow _window;
    private readonly TimeProvider _timeProvider;
    private long _lastExpected;
    private long _lastLost;
    private long _lastResets;
    private long _nextReportAt;

    public MediaQualityWatch(RtpSession session, EModel model, QualityOptions options, TimeProvider timeProvider)
    {
        Session = session;
        _timeProvider = timeProvider;
        _window = new QualityWindow(model, options, session.QualityCodec, timeProvider);
        (_lastExpected, _lastLost, _lastResets) = session.GetReceiveTotals();
        _nextReportAt = timeProvider.GetTimestamp() + Ticks(RtcpReportInterval.Next(initial: true, Random.Shared.NextDouble()));
    }

    public RtpSession Session { get; }

    /// <summary>Feeds the window with what arrived since the last tick and takes a sample when a window has passed.</summary>
    public bool TrySample(long now, out QualitySample sample)
    {
        var (expected, lost, resets) = Session.GetReceiveTotals();
        if (resets != _lastResets || expected < _lastExpected)
        {
            // The statistics restarted (RFC 3550 A.1 resync): everything since counts from zero.
            _lastExpected = 0;
            _lastLost = 0;
        }

        _window.AddPackets(expected - _lastExpected, lost - _lastLost);
        (_lastExpected, _lastLost, _lastResets) = (expected, lost, resets);

        _window.Codec = Session.QualityCodec;
        _window.UpdateJitterBufferDepth(Session.JitterBufferDepth);
        if (Session.RoundTrip is { } roundTrip)
        {
            _window.UpdateRoundTrip(roundTrip);
        }

        return _window.TryTakeSample(now, out sample);
    }

    /// <summary>Sends the session's RTCP report when it is due and schedules the next one.</summary>
    public void ReportIfDue(long now)
    {
        if (now < _nextReportAt)
        {
            return;
        }

        Session.TrySendReport();
        _nextReportAt = now + Ticks(RtcpReportInterval.Next(initial: false, Random.Shared.NextDouble()));
    }

    private long Ticks(TimeSpan interval) => (long)(interval.TotalSeconds * _timeProvider.TimestampFrequency);
}

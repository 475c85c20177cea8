using Inbox.Media.Quality;

namespace Inbox.Media.Sessions;

/// <summary>
/// Scores every watched leg's received audio with the E-model once per <see cref="QualityOptions.Interval"/> (5 s by
/// default) and sends each leg's RTCP reports on the RFC 3550 §6.2 schedule (see <c>RtcpReportInterval</c>), all from
/// ONE <see cref="PeriodicTimer"/> over the injected <see cref="TimeProvider"/>: no timer per call. A window's loss is
/// that window's alone; its delay is RTT/2 from RTCP plus the leg's <see cref="RtpSession.JitterBufferDepth"/>, or
/// the depth alone (a listening-only score) while the far end has sent no usable RTCP.
/// </summary>
/// <remarks>
/// Thread-safe (see <see cref="SessionMonitor{TState}"/>). The timer ticks every <c>tick</c> (500 ms by default), which is the precision of both
/// the windows and the report times.
/// </remarks>
internal sealed class MediaQualityMonitor : SessionMonitor<MediaQualityWatch>
{
    /// <summary>Default timer period: 500 ms.</summary>
    public static readonly TimeSpan DefaultTick = TimeSpan.FromMilliseconds(500);

    private readonly QualityOptions _options;
    private readonly EModel _model;
    private readonly Action<RtpSession, QualitySample> _onSample;
    private readonly TimeProvider _timeProvider;

    /// <param name="options">Interval and colour thresholds.</param>
    /// <param name="onSample">Called from the timer with each new sample (also stored in <see cref="RtpSession.LatestQuality"/>); must not block or throw.</param>
    /// <param name="timeProvider">The clock of the timer and the windows.</param>
    /// <param name="model">The E-model; <see cref="EModel.Default"/> when null.</param>
    /// <param name="tick">Timer period; <see cref="DefaultTick"/> when null.</param>
    public MediaQualityMonitor(
        QualityOptions options, Action<RtpSession, QualitySample> onSample, TimeProvider timeProvider, EModel? model = null, TimeSpan? tick = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onSample);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _onSample = onSample;
        _timeProvider = timeProvider;
        _model = model ?? EModel.Default;
        Start(tick ?? DefaultTick, timeProvider);
    }

    /// <summary>Starts scoring and reporting a session; its first window and its first report start now.</summary>
    public void Watch(RtpSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Add(session, new MediaQualityWatch(session, _model, _options, _timeProvider));
    }

    protected override void Check(IReadOnlyDictionary<RtpSession, MediaQualityWatch> sessions)
    {
        var now = _timeProvider.GetTimestamp();
        foreach (var watch in sessions.Values)
        {
            if (watch.TrySample(now, out var sample))
            {
                watch.Session.LatestQuality = sample;
                _onSample(watch.Session, sample);
            }

            // After sampling, so an XR block carries the fresh window.
            watch.ReportIfDue(now);
        }
    }
}

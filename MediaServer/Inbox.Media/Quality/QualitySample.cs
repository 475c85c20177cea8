namespace Inbox.Media.Quality;

/// <summary>The quality of one leg direction over one window (5 seconds by default), computed on that window alone.</summary>
/// <param name="R">E-model transmission rating factor.</param>
/// <param name="Mos">Estimated MOS (1–4.5).</param>
/// <param name="Color">The colour of <paramref name="Mos"/> under the configured thresholds.</param>
/// <param name="LossPercent">Packets lost in the window as a percentage of those expected (0 when none were expected).</param>
/// <param name="DelayMs">One-way delay Ta used: RTT/2 + jitter-buffer depth, or the depth alone when listening-only.</param>
/// <param name="ListeningOnly">True when no RTCP round-trip time was known, so delay covers only the jitter buffer.</param>
/// <param name="PacketsExpected">Packets expected in the window; 0 means nothing was received (hold, silence suppression).</param>
/// <param name="PacketsLost">Packets lost in the window (never negative).</param>
internal readonly record struct QualitySample(
    double R,
    double Mos,
    QualityColor Color,
    double LossPercent,
    double DelayMs,
    bool ListeningOnly,
    long PacketsExpected,
    long PacketsLost);

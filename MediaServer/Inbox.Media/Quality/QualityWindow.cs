namespace Inbox.Media.Quality;

/// <summary>
/// Accumulates one leg direction's receive statistics and yields a <see cref="QualitySample"/> per window
/// (<see cref="QualityOptions.Interval"/>, 5 seconds by default). Loss is counted for the window alone, never
/// cumulatively, so a bad minute early in a call does not colour the rest of it.
/// </summary>
/// <remarks>
/// Not thread-safe: one owner (the leg's media clock thread) feeds and samples it. Allocation-free after
/// construction. The caller drives time with <see cref="TimeProvider.GetTimestamp"/> values from the provider given
/// here, so tests use a fake clock.
/// </remarks>
internal sealed class QualityWindow
{
    private readonly EModel _model;
    private readonly QualityOptions _options;
    private readonly long _intervalTicks;
    private long _windowStart;
    private long _expected;
    private long _lost;
    private double _roundTripMs = double.NaN;
    private double _jitterBufferMs;

    public QualityWindow(EModel model, QualityOptions options, CodecImpairment codec, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _model = model;
        _options = options;
        Codec = codec;
        _intervalTicks = (long)(options.Interval.TotalSeconds * timeProvider.TimestampFrequency);
        _windowStart = timeProvider.GetTimestamp();
    }

    /// <summary>The codec's Ie and Bpl; change it when the leg switches codec (a re-INVITE).</summary>
    public CodecImpairment Codec { get; set; }

    /// <summary>Burst ratio BurstR for the loss in this leg. Default 1 (random loss).</summary>
    public double BurstRatio { get; set; } = 1;

    /// <summary>
    /// Adds one reporting interval's counts (RFC 3550 §6.4.1 style: packets expected and lost since the last
    /// report). A negative loss (duplicates) is kept in the sum so that it cancels within the window.
    /// </summary>
    public void AddPackets(long expected, long lost)
    {
        if (expected > 0)
        {
            _expected += expected;
        }

        _lost += lost;
    }

    /// <summary>Sets the latest RTCP round-trip time (RFC 3550 §6.4.1, from LSR/DLSR). Negative values are ignored.</summary>
    public void UpdateRoundTrip(TimeSpan roundTrip)
    {
        if (roundTrip >= TimeSpan.Zero)
        {
            _roundTripMs = roundTrip.TotalMilliseconds;
        }
    }

    /// <summary>Sets the current jitter-buffer depth (playout delay). Negative values count as zero.</summary>
    public void UpdateJitterBufferDepth(TimeSpan depth) =>
        _jitterBufferMs = depth > TimeSpan.Zero ? depth.TotalMilliseconds : 0;

    /// <summary>
    /// When a whole window has passed at <paramref name="timestamp"/>, scores it, starts the next window there and
    /// returns true; otherwise returns false and keeps accumulating.
    /// </summary>
    public bool TryTakeSample(long timestamp, out QualitySample sample)
    {
        if (timestamp - _windowStart < _intervalTicks)
        {
            sample = default;
            return false;
        }

        var expected = _expected;
        var lost = Math.Clamp(_lost, 0, expected);
        var lossPercent = expected == 0 ? 0 : 100.0 * lost / expected;
        var listeningOnly = double.IsNaN(_roundTripMs);
        var delayMs = listeningOnly ? _jitterBufferMs : (_roundTripMs / 2) + _jitterBufferMs;
        var score = _model.Score(new EModelInput(delayMs, lossPercent, Codec, BurstRatio));
        sample = new QualitySample(
            score.R, score.Mos, _options.Classify(score.Mos), lossPercent, delayMs, listeningOnly, expected, lost);

        _windowStart = timestamp;
        _expected = 0;
        _lost = 0;
        return true;
    }
}

namespace Inbox.Media.Jitter;

internal sealed partial class JitterBuffer
{
    private long _targetTicks;
    private long _desiredTicks;
    private long _takes;
    private long _lastTargetChange;
    private long _lastStretch;
    private bool _hasTransit;
    private int _transit;

    // RFC 3550 A.8 interarrival jitter in RTP clock units; double keeps the 1/16 gain exact.
    private double _jitter;

    /// <summary>Interarrival jitter estimate (RFC 3550 §6.4.1) as a duration.</summary>
    public TimeSpan Jitter
    {
        get
        {
            lock (_lock)
            {
                return TimeSpan.FromTicks((long)(_jitter * TimeSpan.TicksPerSecond / _options.ClockRate));
            }
        }
    }

    // A new source keeps the path's jitter estimate and target; only its transit reference is new.
    private void ResetAdaptation() => _hasTransit = false;

    // RFC 3550 §6.4.1: D = (Rj - Ri) - (Sj - Si), J += (|D| - J) / 16; late packets count too, they are jitter.
    private void UpdateJitter(uint timestamp, TimeSpan arrivalTime)
    {
        var transit = unchecked((int)(ToClockUnits(arrivalTime.Ticks) - timestamp));
        if (_hasTransit)
        {
            // A deviation beyond the maximum depth cannot be absorbed anyway; clamping stops one outlier pinning the target.
            var limit = (double)_options.MaxDepth.Ticks * _options.ClockRate / TimeSpan.TicksPerSecond;
            var d = Math.Min(Math.Abs((double)transit - _transit), limit);
            _jitter += (d - _jitter) / 16;
        }

        _transit = transit;
        _hasTransit = true;
        var jitterTicks = _jitter * TimeSpan.TicksPerSecond / _options.ClockRate;
        var desired = (long)(_options.JitterMultiplier * jitterTicks) + _frameTicks;
        desired = (desired + _frameTicks - 1) / _frameTicks * _frameTicks;
        _desiredTicks = Math.Clamp(desired, _options.MinDepth.Ticks, _options.MaxDepth.Ticks);
        if (_desiredTicks > _targetTicks)
        {
            _targetTicks = _desiredTicks;
            _lastTargetChange = _takes;
        }
    }

    // The target falls one frame per TargetDecayFrames so that a quiet spell does not undo protection at once.
    private void DecayTarget()
    {
        if (_desiredTicks < _targetTicks && _takes - _lastTargetChange >= _options.TargetDecayFrames)
        {
            _targetTicks = Math.Max(_desiredTicks, _targetTicks - _frameTicks);
            _lastTargetChange = _takes;
        }
    }

    // Arrival in RTP clock units modulo 2^32; whole seconds first so that ticks × rate cannot overflow.
    private uint ToClockUnits(long ticks)
    {
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        return unchecked((uint)((seconds * _options.ClockRate) + (remainder * _options.ClockRate / TimeSpan.TicksPerSecond)));
    }
}

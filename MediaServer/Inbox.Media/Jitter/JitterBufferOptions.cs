namespace Inbox.Media.Jitter;

/// <summary>
/// Sizing and adaptation settings of one <see cref="JitterBuffer"/>. Durations are wall-clock time; the frame size is
/// in RTP clock units. Immutable once the buffer is built.
/// </summary>
internal sealed class JitterBufferOptions
{
    /// <summary>RTP clock rate in Hz. Default 8000 (G.711).</summary>
    public int ClockRate { get; init; } = 8000;

    /// <summary>Samples (RTP clock units) per packet and per <c>Take</c>. Default 160: 20 ms at 8 kHz.</summary>
    public int FrameSamples { get; init; } = 160;

    /// <summary>Packet slots in the ring; a power of two. Default 32 (640 ms of 20 ms frames).</summary>
    public int Capacity { get; init; } = 32;

    /// <summary>Largest payload stored, in bytes; larger packets are rejected. Default 1500.</summary>
    public int MaxPayloadLength { get; init; } = 1500;

    /// <summary>Smallest and initial target depth. Default 40 ms.</summary>
    public TimeSpan MinDepth { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Largest target depth. Default 200 ms; must fit in <see cref="Capacity"/> frames.</summary>
    public TimeSpan MaxDepth { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Target = multiplier × interarrival jitter + one frame, before clamping. Default 3.</summary>
    public double JitterMultiplier { get; init; } = 3;

    /// <summary>Consecutive frames the buffer must stay above target + one frame before one frame is dropped. Default 50 (1 s).</summary>
    public int ShrinkAfterFrames { get; init; } = 50;

    /// <summary>Least frames between two one-frame stretches (a concealed frame) that grow the depth towards target. Default 10 (200 ms).</summary>
    public int GrowIntervalFrames { get; init; } = 10;

    /// <summary>Frames between two one-frame decreases of the target when jitter falls. Default 100 (2 s).</summary>
    public int TargetDecayFrames { get; init; } = 100;

    /// <summary>Consecutive empty-buffer frames concealed before the buffer stops and re-buffers. Default 10 (200 ms).</summary>
    public int UnderrunLimitFrames { get; init; } = 10;

    /// <summary>One frame as a duration.</summary>
    public TimeSpan FrameDuration => TimeSpan.FromTicks(FrameSamples * TimeSpan.TicksPerSecond / ClockRate);

    /// <summary>Throws when a setting is out of range or the settings contradict each other.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ClockRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FrameSamples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPayloadLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ShrinkAfterFrames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TargetDecayFrames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(GrowIntervalFrames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(UnderrunLimitFrames);
        ArgumentOutOfRangeException.ThrowIfNegative(JitterMultiplier);
        if (Capacity < 4 || (Capacity & (Capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "Capacity must be a power of two, at least 4.");
        }

        if (MinDepth <= TimeSpan.Zero || MaxDepth < MinDepth || MaxDepth.Ticks / FrameDuration.Ticks >= Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "Depths must satisfy 0 < MinDepth <= MaxDepth < Capacity frames.");
        }
    }
}

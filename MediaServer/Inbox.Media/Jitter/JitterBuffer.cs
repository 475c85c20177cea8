namespace Inbox.Media.Jitter;

/// <summary>
/// An adaptive jitter buffer for one decoded RTP stream (mixing, recording, transcoding): encoded packets are copied
/// into preallocated slots keyed by extended sequence number and handed out one frame per media clock tick.
/// </summary>
/// <remarks>
/// <para>
/// Threading: one producer (the receive loop calling <see cref="Put"/>) and one consumer (the media clock calling
/// <see cref="Take"/> every frame period) may run concurrently. Every public member takes one small private lock
/// held for a copy of at most one payload; it never blocks for I/O. Nothing allocates after construction.
/// </para>
/// <para>
/// Playout is by sequence number, one packet per frame of <see cref="JitterBufferOptions.FrameSamples"/>. The buffer
/// fills to <see cref="TargetDepth"/> before playing; the target follows 3 × the RFC 3550 interarrival jitter plus a
/// frame, rises at once and falls one frame per <see cref="JitterBufferOptions.TargetDecayFrames"/>. The depth grows
/// by holding the play point when the head packet is missing and the buffer is short of target, by one concealed
/// frame per <see cref="JitterBufferOptions.GrowIntervalFrames"/> while short, and by re-buffering at a talkspurt
/// start (marker bit); it shrinks by dropping one frame after the buffer stayed above target for
/// <see cref="JitterBufferOptions.ShrinkAfterFrames"/>.
/// </para>
/// </remarks>
internal sealed partial class JitterBuffer
{
    private readonly Lock _lock = new();
    private readonly JitterSlot[] _slots;
    private readonly byte[] _payloads;
    private readonly int _mask;
    private readonly int _maxPayload;
    private readonly long _frameTicks;
    private readonly JitterBufferOptions _options;

    private bool _started;
    private bool _playing;
    private uint _ssrc;
    private long _highest;
    private long _next;
    private long _lastPlayed;
    private int _underrunFrames;
    private int _aboveTargetFrames;

    private long _received;
    private long _played;
    private long _concealed;
    private long _late;
    private long _duplicates;
    private long _overflowDrops;
    private long _tooLarge;
    private long _resets;

    /// <summary>Creates a buffer, allocating its <c>Capacity × MaxPayloadLength</c> slab once.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The options are inconsistent.</exception>
    public JitterBuffer(JitterBufferOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _slots = new JitterSlot[options.Capacity];
        _payloads = new byte[options.Capacity * options.MaxPayloadLength];
        _mask = options.Capacity - 1;
        _maxPayload = options.MaxPayloadLength;
        _frameTicks = options.FrameDuration.Ticks;
        _targetTicks = options.MinDepth.Ticks;
        _desiredTicks = _targetTicks;
        ClearSlots();
    }

    /// <summary>Largest payload in bytes a <c>Take</c> destination must hold.</summary>
    public int MaxPayloadLength => _maxPayload;

    /// <summary>True while frames are played out; false while (re-)buffering.</summary>
    public bool IsPlaying
    {
        get
        {
            lock (_lock)
            {
                return _playing;
            }
        }
    }

    /// <summary>
    /// Current depth: frames from the play point to the newest packet, as a duration. This is the delay the buffer
    /// adds, which the E-model counts; 0 before the first packet.
    /// </summary>
    public TimeSpan CurrentDepth
    {
        get
        {
            lock (_lock)
            {
                return TimeSpan.FromTicks(BufferedFrames() * _frameTicks);
            }
        }
    }

    /// <summary>The depth the buffer adapts towards, between the configured minimum and maximum.</summary>
    public TimeSpan TargetDepth
    {
        get
        {
            lock (_lock)
            {
                return TimeSpan.FromTicks(_targetTicks);
            }
        }
    }

    /// <summary>A consistent snapshot of the counters.</summary>
    public JitterBufferCounters Counters
    {
        get
        {
            lock (_lock)
            {
                return new JitterBufferCounters(
                    _received, _played, _concealed, _late, _duplicates, _overflowDrops, _tooLarge, _resets);
            }
        }
    }

    private long BufferedFrames() => _started ? Math.Max(0, _highest - _next + 1) : 0;

    private void StartStream(uint ssrc, long sequence)
    {
        ClearSlots();
        _started = true;
        _playing = false;
        _ssrc = ssrc;
        _highest = sequence;
        _next = sequence;
        _lastPlayed = JitterSlot.Empty;
        _underrunFrames = 0;
        _aboveTargetFrames = 0;
        ResetAdaptation();
    }

    private void ClearSlots()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i].Sequence = JitterSlot.Empty;
        }
    }
}

namespace Inbox.Media.Rtp;

/// <summary>
/// Receive statistics of one RTP source per RFC 3550 Appendix A: sequence validation with probation, extended highest
/// sequence number (A.1), expected and lost packets (A.3), interarrival jitter (A.8), plus duplicates and reordering.
/// </summary>
/// <remarks>
/// One instance per received stream, owned by one receive loop: not thread-safe. <c>Update</c> allocates
/// nothing. Sequence numbers are modulo 2^16, timestamps and jitter in RTP clock units of <see cref="ClockRate"/>.
/// </remarks>
internal sealed partial class RtpReceiveStatistics
{
    /// <summary>Sequential packets needed before a new source is valid (RFC 3550 A.1 MIN_SEQUENTIAL).</summary>
    public const int MinSequential = 2;

    /// <summary>Largest forward jump still taken as loss rather than a restart (RFC 3550 A.1 MAX_DROPOUT).</summary>
    public const int MaxDropout = 3000;

    /// <summary>Largest backward step still taken as reordering (RFC 3550 A.1 MAX_MISORDER).</summary>
    public const int MaxMisorder = 100;

    private const int SequenceModulo = 1 << 16;

    private bool _started;
    private int _probation;
    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private int _badSequence;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;

    // Bit i set means sequence number (_maxSequence - i) was received; 128 bits cover MaxMisorder.
    private UInt128 _window;

    private bool _hasTransit;
    private int _transit;

    // RFC 3550 A.8: the jitter estimate scaled by 16, so the 1/16 gain needs no floating point.
    private uint _jitterTimes16;

    /// <summary>Creates statistics for a stream with the given RTP clock rate.</summary>
    /// <param name="clockRate">RTP clock rate in Hz (8000 for G.711, 48000 for Opus).</param>
    public RtpReceiveStatistics(int clockRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        ClockRate = clockRate;
    }

    /// <summary>RTP clock rate in Hz.</summary>
    public int ClockRate { get; }

    /// <summary>True once the source has passed probation and packets are being counted.</summary>
    public bool IsValid => _started && _probation == 0;

    /// <summary>Packets counted as received since the last (re)initialization, duplicates included (RFC 3550 A.3).</summary>
    public long ReceivedPackets => _received;

    /// <summary>Packets received again (same sequence number within the misorder window).</summary>
    public long Duplicates { get; private set; }

    /// <summary>Packets that arrived after a later sequence number (within the misorder window).</summary>
    public long Reordered { get; private set; }

    /// <summary>Times the statistics restarted after a large sequence jump (RFC 3550 A.1 bad_seq resync).</summary>
    public long SequenceResets { get; private set; }

    /// <summary>Packets not counted: during probation or after a large jump before resync.</summary>
    public long Discarded { get; private set; }

    /// <summary>First sequence number counted since the last (re)initialization, as an extended value.</summary>
    public uint BaseSequence => _baseSequence;

    /// <summary>Highest sequence number received, extended with the wrap-around count in the high 16 bits.</summary>
    public uint ExtendedHighestSequence => unchecked(_cycles + _maxSequence);

    /// <summary>Packets expected: extended highest minus base plus one (RFC 3550 A.3); 0 before validation.</summary>
    public long Expected => IsValid ? (long)ExtendedHighestSequence - _baseSequence + 1 : 0;

    /// <summary>Cumulative packets lost: expected minus received, negative when duplicates outnumber losses (RFC 3550 A.3).</summary>
    public long CumulativeLost => IsValid ? Expected - _received : 0;

    /// <summary>Interarrival jitter estimate in RTP clock units (RFC 3550 A.8), as carried in a report block.</summary>
    public uint Jitter => _jitterTimes16 >> 4;

    /// <summary>Interarrival jitter as a duration.</summary>
    public TimeSpan JitterDuration => TimeSpan.FromTicks(_jitterTimes16 * TimeSpan.TicksPerSecond / 16 / ClockRate);
}

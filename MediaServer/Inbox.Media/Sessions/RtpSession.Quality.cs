using Inbox.Media.Quality;

namespace Inbox.Media.Sessions;

/// <summary>Quality state read and written by <see cref="MediaQualityMonitor"/> and call control.</summary>
internal sealed partial class RtpSession
{
    private long _jitterBufferDepthTicks;
    private CodecImpairment _qualityCodec = CodecImpairment.G711WithPlc;
    private QualitySample? _latestQuality;

    /// <summary>
    /// Playout delay added on this leg's receive side, set by whoever runs a jitter buffer for it; it counts in the
    /// E-model's one-way delay. Default 0: the same-codec relay forwards each packet as it arrives and adds no
    /// buffering (the phone's own jitter buffer is beyond our sight). Thread-safe.
    /// </summary>
    public TimeSpan JitterBufferDepth
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _jitterBufferDepthTicks));
        set => Interlocked.Exchange(ref _jitterBufferDepthTicks, value.Ticks);
    }

    /// <summary>
    /// Ie and Bpl of the codec received on this leg (<see cref="CodecImpairment.TryGetForEncoding"/>); set it when a
    /// re-INVITE changes the codec. Default G.711 with concealment. Thread-safe.
    /// </summary>
    public CodecImpairment QualityCodec
    {
        get
        {
            lock (_gate)
            {
                return _qualityCodec;
            }
        }

        set
        {
            lock (_gate)
            {
                _qualityCodec = value;
            }
        }
    }

    /// <summary>The latest scored window of what this leg receives; null before the first. Thread-safe.</summary>
    public QualitySample? LatestQuality
    {
        get
        {
            lock (_gate)
            {
                return _latestQuality;
            }
        }

        internal set
        {
            lock (_gate)
            {
                _latestQuality = value;
            }
        }
    }

    /// <summary>
    /// Cumulative receive totals (RFC 3550 A.3) read consistently with the receive loop: packets expected, packets
    /// lost (negative when duplicates outnumber losses) and sequence resets, after which the others restart from 0.
    /// </summary>
    internal (long Expected, long Lost, long Resets) GetReceiveTotals()
    {
        lock (_statisticsGate)
        {
            return (Statistics.Expected, Statistics.CumulativeLost, Statistics.SequenceResets);
        }
    }
}

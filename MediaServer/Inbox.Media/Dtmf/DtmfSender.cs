namespace Inbox.Media.Dtmf;

/// <summary>
/// Produces the RFC 4733 §2.5.1 telephone-event payloads of one digit at a time: the first with the marker bit, all
/// with the event's start timestamp, the duration growing by one packet interval per packet, then three packets with
/// the E bit and the final duration (§2.5.1.4). The caller wraps each payload in an RTP header with the next sequence
/// number and sends one per <see cref="PacketInterval"/> (the three end packets may go back to back).
/// </summary>
/// <remarks>
/// One instance per outgoing stream, used by one thread at a time: not thread-safe. Allocates nothing per packet.
/// Durations above 65535 timestamp units (8.2 s at 8 kHz) would need §2.5.2.3 segments and are refused.
/// </remarks>
internal sealed class DtmfSender
{
    /// <summary>Default digit duration: 100 ms.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMilliseconds(100);

    /// <summary>Least silence between the end of one digit and the start of the next: 50 ms.</summary>
    public static readonly TimeSpan MinimumGap = TimeSpan.FromMilliseconds(50);

    /// <summary>Times the final (E bit) packet is sent (RFC 4733 §2.5.1.4).</summary>
    public const int EndPacketCount = 3;

    /// <summary>Default volume: −10 dBm0.</summary>
    public const byte DefaultVolume = 10;

    private readonly int _clockRate;
    private readonly uint _intervalUnits;
    private readonly byte _volume;
    private byte _code;
    private uint _timestamp;
    private uint _durationUnits;
    private uint _sentUnits;
    private int _packetsSent;
    private int _endsSent;
    private bool _hasSent;

    /// <summary>Creates a sender.</summary>
    /// <param name="clockRate">Telephone-event RTP clock rate in Hz; default 8000.</param>
    /// <param name="packetInterval">Time between packets of an event; default 50 ms.</param>
    /// <param name="volume">Power level in −dBm0, 0–63; default 10.</param>
    public DtmfSender(int clockRate = 8000, TimeSpan? packetInterval = null, byte volume = DefaultVolume)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volume, DtmfEvent.MaxVolume);
        var interval = packetInterval ?? TimeSpan.FromMilliseconds(50);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _clockRate = clockRate;
        _intervalUnits = (uint)Math.Max(1, ToUnits(interval));
        _volume = volume;
        PacketInterval = interval;
    }

    /// <summary>Time between two packets of an event.</summary>
    public TimeSpan PacketInterval { get; }

    /// <summary>True from <see cref="TryStart(char, uint, TimeSpan)"/> until the last end packet is written.</summary>
    public bool IsSending { get; private set; }

    /// <summary>The earliest RTP timestamp the next digit may start at: previous end plus <see cref="MinimumGap"/>.</summary>
    public uint EarliestNextTimestamp { get; private set; }

    /// <summary>Starts a digit of <see cref="DefaultDuration"/>.</summary>
    public bool TryStart(char digit, uint timestamp) => TryStart(digit, timestamp, DefaultDuration);

    /// <summary>Starts a digit whose packets will all carry <paramref name="timestamp"/>.</summary>
    /// <returns>
    /// False when a digit is still being sent, the character is not a DTMF digit, the duration is not in
    /// 1–65535 timestamp units, or the timestamp is earlier than <see cref="EarliestNextTimestamp"/>.
    /// </returns>
    public bool TryStart(char digit, uint timestamp, TimeSpan duration)
    {
        var units = ToUnits(duration);
        if (IsSending || !DtmfEvent.TryGetCode(digit, out var code) || units is <= 0 or > ushort.MaxValue
            || (_hasSent && unchecked((int)(timestamp - EarliestNextTimestamp)) < 0))
        {
            return false;
        }

        _code = code;
        _timestamp = timestamp;
        _durationUnits = (uint)units;
        _sentUnits = 0;
        _packetsSent = 0;
        _endsSent = 0;
        _hasSent = true;
        IsSending = true;
        EarliestNextTimestamp = unchecked(timestamp + (uint)units + (uint)ToUnits(MinimumGap));
        return true;
    }

    /// <summary>Writes the next payload of the current digit.</summary>
    /// <returns>False, writing nothing, when no digit is being sent or <paramref name="destination"/> is shorter than 4 bytes.</returns>
    public bool TryWriteNext(Span<byte> destination, out DtmfPacket packet)
    {
        packet = default;
        if (!IsSending || destination.Length < DtmfEvent.Length)
        {
            return false;
        }

        // RFC 4733 §2.5.1.3: each update carries the duration so far; the event ends when it reaches the total.
        _sentUnits = Math.Min(_sentUnits + (_endsSent == 0 ? _intervalUnits : 0), _durationUnits);
        var end = _sentUnits == _durationUnits;
        new DtmfEvent(_code, end, _volume, (ushort)_sentUnits).TryWrite(destination, out var written);
        packet = new DtmfPacket(written, _packetsSent == 0, _timestamp, end);
        _packetsSent++;
        if (end && ++_endsSent == EndPacketCount)
        {
            IsSending = false;
        }

        return true;
    }

    private long ToUnits(TimeSpan duration) => duration.Ticks * _clockRate / TimeSpan.TicksPerSecond;
}

using Inbox.Media.Rtp;

namespace Inbox.Media.Dtmf;

/// <summary>
/// Turns one stream's RFC 4733 telephone-event packets into <see cref="DtmfDigit"/>s, queued in a small bounded queue.
/// </summary>
/// <remarks>
/// <para>
/// A digit starts on the first packet of a new event timestamp (the marker bit is expected there, but a lost first
/// packet is tolerated) and ends on the E bit; the retransmitted end packets (same timestamp) are dropped. An event
/// whose end packets are all lost ends when a packet of a newer event arrives or, through <see cref="ExpireIdle"/>,
/// when no packet came for <see cref="EndTimeout"/>. The duration is the largest duration field seen.
/// </para>
/// <para>
/// Not thread-safe: call <see cref="OnPacket"/>, <see cref="ExpireIdle"/> and <see cref="TryRead"/> from one thread
/// (the session's receive loop). Nothing allocates after construction; when the queue is full the oldest digit is
/// dropped and counted.
/// </para>
/// </remarks>
internal sealed class DtmfReceiver
{
    private readonly DtmfDigit[] _queue;
    private readonly int _clockRate;
    private int _queueHead;
    private int _queueCount;

    private bool _active;
    private bool _hasEvent;
    private uint _eventTimestamp;
    private char _activeDigit;
    private ushort _activeDuration;
    private TimeSpan _lastArrival;

    /// <summary>Creates a receiver.</summary>
    /// <param name="payloadType">The negotiated telephone-event payload type, 96–127 usually.</param>
    /// <param name="clockRate">Its RTP clock rate in Hz; default 8000.</param>
    /// <param name="queueCapacity">Digits kept until read; default 16.</param>
    /// <param name="endTimeout">Silence after which an event without end packet ends; default 500 ms.</param>
    public DtmfReceiver(byte payloadType, int clockRate = 8000, int queueCapacity = 16, TimeSpan? endTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, (byte)127);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queueCapacity);
        PayloadType = payloadType;
        _clockRate = clockRate;
        _queue = new DtmfDigit[queueCapacity];
        EndTimeout = endTimeout ?? TimeSpan.FromMilliseconds(500);
    }

    /// <summary>The telephone-event payload type this receiver accepts.</summary>
    public byte PayloadType { get; }

    /// <summary>Silence after which an event whose end packets were lost is ended by <see cref="ExpireIdle"/>.</summary>
    public TimeSpan EndTimeout { get; }

    /// <summary>Digits completed.</summary>
    public long Digits { get; private set; }

    /// <summary>Digits dropped because the queue was full.</summary>
    public long DroppedDigits { get; private set; }

    /// <summary>Packets dropped as retransmitted end packets or stragglers of an ended event.</summary>
    public long Retransmissions { get; private set; }

    /// <summary>Events first seen on a packet without the marker bit (the first packet was lost).</summary>
    public long MissingStarts { get; private set; }

    /// <summary>Events ended without an end packet (by a newer event or the timeout).</summary>
    public long MissingEnds { get; private set; }

    /// <summary>Packets too short, or carrying a non-DTMF event, or older than the current event.</summary>
    public long Ignored { get; private set; }

    /// <summary>Handles one RTP packet; packets of another payload type are left alone.</summary>
    /// <param name="header">The packet's parsed header.</param>
    /// <param name="packet">The whole packet the header was parsed from.</param>
    /// <param name="arrivalTime">Arrival time on the clock later given to <see cref="ExpireIdle"/>.</param>
    /// <returns>True when the packet was of <see cref="PayloadType"/> (consumed), false otherwise.</returns>
    public bool OnPacket(in RtpHeader header, ReadOnlySpan<byte> packet, TimeSpan arrivalTime)
    {
        if (header.PayloadType != PayloadType)
        {
            return false;
        }

        var timestamp = header.Timestamp;
        if (!DtmfEvent.TryParse(header.GetPayload(packet), out var value) || !value.TryGetDigit(out var digit)
            || (_hasEvent && unchecked((int)(timestamp - _eventTimestamp)) < 0))
        {
            Ignored++;
            return true;
        }

        if (_hasEvent && timestamp == _eventTimestamp && !_active)
        {
            // RFC 4733 §2.5.1.4: the end packet is sent three times with the same timestamp.
            Retransmissions++;
            return true;
        }

        if (_active && timestamp != _eventTimestamp)
        {
            MissingEnds++;
            Complete();
        }

        if (!_active)
        {
            MissingStarts += header.Marker ? 0 : 1;
            _active = true;
            _hasEvent = true;
            _eventTimestamp = timestamp;
            _activeDigit = digit;
            _activeDuration = 0;
        }

        _activeDuration = Math.Max(_activeDuration, value.Duration);
        _lastArrival = arrivalTime;
        if (value.End)
        {
            Complete();
        }

        return true;
    }

    /// <summary>Ends the current event if its last packet arrived more than <see cref="EndTimeout"/> before <paramref name="now"/>.</summary>
    public void ExpireIdle(TimeSpan now)
    {
        if (_active && now - _lastArrival >= EndTimeout)
        {
            MissingEnds++;
            Complete();
        }
    }

    /// <summary>Takes the oldest completed digit.</summary>
    public bool TryRead(out DtmfDigit digit)
    {
        if (_queueCount == 0)
        {
            digit = default;
            return false;
        }

        digit = _queue[_queueHead];
        _queueHead = (_queueHead + 1) % _queue.Length;
        _queueCount--;
        return true;
    }

    private void Complete()
    {
        _active = false;
        var duration = TimeSpan.FromTicks(_activeDuration * TimeSpan.TicksPerSecond / _clockRate);
        if (_queueCount == _queue.Length)
        {
            _queueHead = (_queueHead + 1) % _queue.Length;
            _queueCount--;
            DroppedDigits++;
        }

        _queue[(_queueHead + _queueCount) % _queue.Length] = new DtmfDigit(_activeDigit, duration, _eventTimestamp);
        _queueCount++;
        Digits++;
    }
}

namespace Inbox.Media.Rtp;

internal sealed partial class RtpReceiveStatistics
{
    /// <summary>Accounts one received packet from its parsed header.</summary>
    /// <param name="header">The packet's header.</param>
    /// <param name="arrivalTime">Arrival time on any monotonic clock (for example <c>TimeProvider.GetElapsedTime</c> from a fixed start).</param>
    public RtpSequenceStatus Update(in RtpHeader header, TimeSpan arrivalTime) =>
        Update(header.SequenceNumber, header.Timestamp, arrivalTime);

    /// <summary>Accounts one received packet: validates its sequence number and, when counted, updates the jitter.</summary>
    /// <param name="sequenceNumber">The packet's sequence number.</param>
    /// <param name="timestamp">The packet's RTP timestamp in clock units.</param>
    /// <param name="arrivalTime">Arrival time on any monotonic clock; only differences between packets matter.</param>
    public RtpSequenceStatus Update(ushort sequenceNumber, uint timestamp, TimeSpan arrivalTime)
    {
        var status = UpdateSequence(sequenceNumber);
        if (status is RtpSequenceStatus.InOrder or RtpSequenceStatus.Reordered or RtpSequenceStatus.Resynchronized)
        {
            UpdateJitter(timestamp, arrivalTime);
        }

        return status;
    }

    /// <summary>
    /// Closes a reporting interval: the fraction of packets lost since the previous call, in 1/256 units, 0 when none
    /// were lost or duplicates outnumber losses (RFC 3550 A.3). Call once per report block sent.
    /// </summary>
    public byte TakeIntervalFractionLost()
    {
        var expected = Expected;
        var expectedInterval = expected - _expectedPrior;
        _expectedPrior = expected;
        var receivedInterval = _received - _receivedPrior;
        _receivedPrior = _received;
        var lostInterval = expectedInterval - receivedInterval;
        return expectedInterval <= 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
    }

    // RFC 3550 Appendix A.1 update_seq, with a first-packet branch and the duplicate window added.
    private RtpSequenceStatus UpdateSequence(ushort sequence)
    {
        if (!_started)
        {
            _started = true;
            InitSequence(sequence);
            _maxSequence = unchecked((ushort)(sequence - 1));
            _probation = MinSequential;
        }

        var delta = unchecked((ushort)(sequence - _maxSequence));
        if (_probation > 0)
        {
            // A new source must send MinSequential packets in sequence before it counts.
            if (sequence == unchecked((ushort)(_maxSequence + 1)))
            {
                _probation--;
                _maxSequence = sequence;
                if (_probation == 0)
                {
                    InitSequence(sequence);
                    _received++;
                    return RtpSequenceStatus.InOrder;
                }
            }
            else
            {
                _probation = MinSequential - 1;
                _maxSequence = sequence;
            }

            Discarded++;
            return RtpSequenceStatus.Probation;
        }

        RtpSequenceStatus status;
        if (delta < MaxDropout)
        {
            if (delta == 0)
            {
                Duplicates++;
                status = RtpSequenceStatus.Duplicate;
            }
            else
            {
                if (sequence < _maxSequence)
                {
                    _cycles += SequenceModulo;
                }

                _maxSequence = sequence;
                _window = delta >= 128 ? UInt128.One : (_window << delta) | UInt128.One;
                status = RtpSequenceStatus.InOrder;
            }
        }
        else if (delta <= SequenceModulo - MaxMisorder)
        {
            if (sequence != _badSequence)
            {
                // RFC 3550 A.1: remember where the jump went; a sequential follower proves a restarted sender.
                _badSequence = (sequence + 1) & (SequenceModulo - 1);
                Discarded++;
                return RtpSequenceStatus.BadSequence;
            }

            InitSequence(sequence);
            SequenceResets++;
            status = RtpSequenceStatus.Resynchronized;
        }
        else
        {
            var behind = SequenceModulo - delta;
            var bit = UInt128.One << behind;
            if ((_window & bit) != UInt128.Zero)
            {
                Duplicates++;
                status = RtpSequenceStatus.Duplicate;
            }
            else
            {
                _window |= bit;
                Reordered++;
                status = RtpSequenceStatus.Reordered;
            }
        }

        _received++;
        return status;
    }

    // RFC 3550 Appendix A.1 init_seq.
    private void InitSequence(ushort sequence)
    {
        _baseSequence = sequence;
        _maxSequence = sequence;
        _badSequence = SequenceModulo + 1;
        _cycles = 0;
        _received = 0;
        _receivedPrior = 0;
        _expectedPrior = 0;
        _window = UInt128.One;
    }

    // RFC 3550 Appendix A.8: J += (|D| - J) / 16, in integer arithmetic scaled by 16.
    private void UpdateJitter(uint timestamp, TimeSpan arrivalTime)
    {
        var arrival = ToClockUnits(arrivalTime.Ticks);
        var transit = unchecked((int)(arrival - timestamp));
        if (_hasTransit)
        {
            var d = Math.Abs((long)transit - _transit);
            d = Math.Min(d, int.MaxValue);
            _jitterTimes16 = unchecked((uint)(_jitterTimes16 + d - ((_jitterTimes16 + 8) >> 4)));
        }

        _transit = transit;
        _hasTransit = true;
    }

    // Arrival in RTP clock units, modulo 2^32; whole seconds first so that ticks * rate cannot overflow.
    private uint ToClockUnits(long ticks)
    {
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        return unchecked((uint)((seconds * ClockRate) + (remainder * ClockRate / TimeSpan.TicksPerSecond)));
    }
}

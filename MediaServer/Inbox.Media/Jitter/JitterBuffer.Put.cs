using System.Diagnostics;
using Inbox.Media.Rtp;

namespace Inbox.Media.Jitter;

internal sealed partial class JitterBuffer
{
    // RFC 3550 A.1 MAX_MISORDER: a packet further behind than this is a restarted sender, not a reordered one.
    private const int MaxMisorder = 100;

    /// <summary>
    /// Stores one received packet. Call from the receive loop; the payload is copied, so the caller's buffer may be
    /// reused at once. Never throws for bad input and allocates nothing.
    /// </summary>
    /// <param name="header">The packet's parsed RTP header.</param>
    /// <param name="payload">The packet's payload bytes.</param>
    /// <param name="arrivalTime">Arrival time on any monotonic clock (for example <c>TimeProvider.GetElapsedTime</c>).</param>
    public JitterPutResult Put(in RtpHeader header, ReadOnlySpan<byte> payload, TimeSpan arrivalTime)
    {
        lock (_lock)
        {
            if (payload.Length > _maxPayload)
            {
                _tooLarge++;
                return JitterPutResult.TooLarge;
            }

            var reset = !_started || header.Ssrc != _ssrc;
            if (reset)
            {
                _resets += _started ? 1 : 0;
                StartStream(header.Ssrc, header.SequenceNumber);
            }

            var sequence = _highest + unchecked((short)(ushort)(header.SequenceNumber - (ushort)_highest));
            var delta = sequence - _highest;
            if (delta >= _slots.Length || delta < -MaxMisorder)
            {
                // A jump past the whole window, or far backwards: the sender restarted; play it as a new stream.
                _resets++;
                StartStream(header.Ssrc, header.SequenceNumber);
                sequence = header.SequenceNumber;
                reset = true;
            }

            UpdateJitter(header.Timestamp, arrivalTime);
            if (IsLate(sequence))
            {
                _late++;
                return JitterPutResult.Late;
            }

            if (sequence < _next)
            {
                // Reordered ahead of the first packet while still buffering: start playout from it instead.
                _next = sequence;
            }
            else if (header.Marker && _playing && _highest < _next)
            {
                // A talkspurt starts on a dry buffer: re-buffer to the current target before playing it.
                _playing = false;
                _next = sequence;
                _underrunFrames = 0;
            }

            while (sequence - _next >= _slots.Length)
            {
                DropHead();
            }

            return Store(sequence, payload, reset);
        }
    }

    private bool IsLate(long sequence) =>
        sequence <= _lastPlayed || (sequence < _next && (_playing || _highest - sequence >= _slots.Length));

    private JitterPutResult Store(long sequence, ReadOnlySpan<byte> payload, bool reset)
    {
        var index = (int)(sequence & _mask);
        ref var slot = ref _slots[index];
        if (slot.Sequence == sequence)
        {
            _duplicates++;
            return JitterPutResult.Duplicate;
        }

        // Every stored packet lies in [_next, _next + Capacity), so a slot never holds another unplayed packet.
        Debug.Assert(slot.Sequence == JitterSlot.Empty, "Ring slot collision");
        payload.CopyTo(_payloads.AsSpan(index * _maxPayload, _maxPayload));
        slot.Sequence = sequence;
        slot.Length = payload.Length;
        _received++;
        _highest = Math.Max(_highest, sequence);
        return reset ? JitterPutResult.StoredAfterReset : JitterPutResult.Stored;
    }

    // Moves the play point one frame on, dropping the packet stored there unplayed.
    private void DropHead()
    {
        ref var slot = ref _slots[(int)(_next & _mask)];
        if (slot.Sequence == _next)
        {
            slot.Sequence = JitterSlot.Empty;
            _overflowDrops++;
        }

        _lastPlayed = _next;
        _next++;
    }
}

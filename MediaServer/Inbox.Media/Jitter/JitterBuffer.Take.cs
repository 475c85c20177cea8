namespace Inbox.Media.Jitter;

internal sealed partial class JitterBuffer
{
    /// <summary>
    /// Gives the next frame for one frame period. Call from the media clock once per frame
    /// (<see cref="JitterBufferOptions.FrameSamples"/>); allocates nothing.
    /// </summary>
    /// <param name="destination">Receives the payload; must hold the stored payload (at most <see cref="MaxPayloadLength"/> bytes).</param>
    /// <param name="written">Payload bytes written; 0 unless the result is <see cref="JitterTakeResult.Frame"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the frame's payload.</exception>
    public JitterTakeResult Take(Span<byte> destination, out int written)
    {
        written = 0;
        lock (_lock)
        {
            _takes++;
            DecayTarget();
            if (!_started || (!_playing && !TryStartPlaying()))
            {
                return JitterTakeResult.Buffering;
            }

            ShrinkIfAboveTarget();
            if (ShouldStretch())
            {
                // Two frames short of target (one frame of slack is normal phase noise between Put and Take): one
                // concealed frame without moving the play point adds a frame of depth.
                _lastStretch = _takes;
                _concealed++;
                return JitterTakeResult.Missing;
            }

            var index = (int)(_next & _mask);
            ref var slot = ref _slots[index];
            if (slot.Sequence == _next)
            {
                if (destination.Length < slot.Length)
                {
                    throw new ArgumentException("The destination is shorter than the frame's payload.", nameof(destination));
                }

                _payloads.AsSpan(index * _maxPayload, slot.Length).CopyTo(destination);
                written = slot.Length;
                slot.Sequence = JitterSlot.Empty;
                _lastPlayed = _next;
                _next++;
                _played++;
                _underrunFrames = 0;
                return JitterTakeResult.Frame;
            }

            _concealed++;
            if (_highest >= _next && BufferedFrames() * _frameTicks >= _targetTicks)
            {
                // Later packets are here and the buffer is at depth: this one is lost (if it comes now, it is late).
                _lastPlayed = _next;
                _next++;
                _underrunFrames = 0;
            }
            else if (_highest < _next && ++_underrunFrames >= _options.UnderrunLimitFrames)
            {
                // Dry for long (silence suppression or a stalled sender): stop and re-buffer on the next packet.
                _playing = false;
                _underrunFrames = 0;
            }

            // Otherwise hold the play point: the buffer is short of target, so waiting for the packet grows the depth.
            return JitterTakeResult.Missing;
        }
    }

    private bool TryStartPlaying()
    {
        if (_highest < _next || BufferedFrames() * _frameTicks < _targetTicks)
        {
            return false;
        }

        _playing = true;
        _aboveTargetFrames = 0;
        return true;
    }

    private bool ShouldStretch() =>
        _highest >= _next
        && (BufferedFrames() + 2) * _frameTicks <= _targetTicks
        && _takes - _lastStretch >= _options.GrowIntervalFrames;

    private void ShrinkIfAboveTarget()
    {
        if (BufferedFrames() * _frameTicks <= _targetTicks + _frameTicks)
        {
            _aboveTargetFrames = 0;
        }
        else if (++_aboveTargetFrames >= _options.ShrinkAfterFrames)
        {
            // One dropped frame at a time keeps the shrink inaudible next to PLC; a gap at the head costs nothing.
            _aboveTargetFrames = 0;
            DropHead();
        }
    }
}

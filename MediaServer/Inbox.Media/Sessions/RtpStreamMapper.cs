using Inbox.Media.Rtp;

namespace Inbox.Media.Sessions;

/// <summary>
/// Maps whatever stream feeds an outgoing leg onto one continuous stream: our SSRC, sequence numbers that follow on,
/// and timestamps that advance with wall-clock time, so the far end sees no jump when the source changes (hold music,
/// transfer, park, re-bridging). <see cref="Map"/> is not thread-safe: it is owned by the one receive loop that feeds
/// the leg. <see cref="TryGetTimestampAt"/> may be called from any thread (the RTCP sender reads it).
/// </summary>
internal sealed class RtpStreamMapper(uint ssrc, int clockRate, TimeProvider timeProvider)
{
    private bool _hasSource;
    private uint _sourceSsrc;
    private ushort _sequenceOffset;
    private uint _timestampOffset;
    private bool _hasSent;
    private ushort _lastSequence;
    private uint _lastTimestamp;
    private long _lastSentAt;

    // Seqlock over (_lastTimestamp, _lastSentAt) for the RTCP sender on another thread: odd while Map writes them.
    // One writer (the owning loop), so a version counter suffices and the packet path takes no lock.
    private int _version;

    /// <summary>The SSRC the far end sees on this leg.</summary>
    public uint Ssrc => ssrc;

    /// <summary>Rewrites <paramref name="packet"/> in place onto the outgoing stream (RFC 3550 §5.1 numbering).</summary>
    public void Map(Span<byte> packet, in RtpHeader header)
    {
        var newSource = !_hasSource || header.Ssrc != _sourceSsrc;
        if (newSource)
        {
            Rebase(header);
        }

        var sequence = unchecked((ushort)(header.SequenceNumber + _sequenceOffset));
        var timestamp = unchecked(header.Timestamp + _timestampOffset);
        RtpHeaderRewriter.TryRewrite(packet, ssrc, sequence, timestamp);
        if (newSource && _hasSent)
        {
            // A new source starts a talkspurt: the marker tells the far end's jitter buffer to resynchronise (RFC 3551 §4.1).
            packet[1] |= 0x80;
        }

        // Reordered packets pass through with their own numbers but must not pull the continuation point back.
        if (!_hasSent || (short)(sequence - _lastSequence) > 0)
        {
            _lastSequence = sequence;
            Interlocked.Increment(ref _version);
            _lastTimestamp = timestamp;
            _lastSentAt = timeProvider.GetTimestamp();
            Interlocked.Increment(ref _version);
            _hasSent = true;
        }
    }

    /// <summary>
    /// The RTP timestamp on this stream that corresponds to <paramref name="timestamp"/> (a
    /// <see cref="TimeProvider.GetTimestamp"/> value): the last mapped packet's timestamp advanced by the wall-clock
    /// time since it was sent, in units of the clock rate (RFC 3550 §6.4.1, the SR's RTP timestamp). Thread-safe.
    /// </summary>
    /// <returns>False when no packet has been mapped yet.</returns>
    public bool TryGetTimestampAt(long timestamp, out uint rtpTimestamp)
    {
        while (true)
        {
            var version = Volatile.Read(ref _version);
            if ((version & 1) != 0)
            {
                Thread.SpinWait(1);
                continue;
            }

            var last = _lastTimestamp;
            var sentAt = _lastSentAt;
            Interlocked.MemoryBarrier(); // the two reads above must complete before the version is checked again
            if (Volatile.Read(ref _version) != version)
            {
                continue;
            }

            if (version == 0)
            {
                rtpTimestamp = 0;
                return false;
            }

            var elapsed = timeProvider.GetElapsedTime(sentAt, timestamp);
            rtpTimestamp = unchecked(last + (uint)(long)(elapsed.TotalSeconds * clockRate));
            return true;
        }
    }

    private void Rebase(in RtpHeader header)
    {
        _hasSource = true;
        _sourceSsrc = header.Ssrc;
        if (!_hasSent)
        {
            // The first source keeps its own numbering; only the SSRC changes.
            _sequenceOffset = 0;
            _timestampOffset = 0;
            return;
        }

        var elapsedSamples = (uint)Math.Max(1, timeProvider.GetElapsedTime(_lastSentAt).TotalSeconds * clockRate);
        _sequenceOffset = unchecked((ushort)(_lastSequence + 1 - header.SequenceNumber));
        _timestampOffset = unchecked(_lastTimestamp + elapsedSamples - header.Timestamp);
    }
}

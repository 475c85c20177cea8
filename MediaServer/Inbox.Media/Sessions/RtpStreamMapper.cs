using Inbox.Media.Rtp;

namespace Inbox.Media.Sessions;

/// <summary>
/// Maps whatever stream feeds an outgoing leg onto one continuous stream: our SSRC, sequence numbers that follow on,
/// and timestamps that advance with wall-clock time, so the far end sees no jump when the source changes (hold music,
/// transfer, park, re-bridging). Not thread-safe: owned by the one receive loop that feeds the leg.
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
            _lastTimestamp = timestamp;
            _lastSentAt = timeProvider.GetTimestamp();
            _hasSent = true;
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

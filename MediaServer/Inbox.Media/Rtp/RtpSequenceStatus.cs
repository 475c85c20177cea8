namespace Inbox.Media.Rtp;

/// <summary>What <see cref="RtpReceiveStatistics"/> made of one packet's sequence number (RFC 3550 Appendix A.1).</summary>
internal enum RtpSequenceStatus
{
    /// <summary>The source is still on probation; the packet is not counted as received.</summary>
    Probation,

    /// <summary>The packet advanced the highest sequence number (a gap before it means loss).</summary>
    InOrder,

    /// <summary>An older packet, within the misorder window, not seen before.</summary>
    Reordered,

    /// <summary>A packet already received (still counted as received, per RFC 3550 Appendix A.3).</summary>
    Duplicate,

    /// <summary>A large jump; the packet is not counted, and the next sequential one resynchronizes.</summary>
    BadSequence,

    /// <summary>The second packet after a large jump: the statistics restarted from this sequence number.</summary>
    Resynchronized,
}

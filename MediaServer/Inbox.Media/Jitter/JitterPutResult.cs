namespace Inbox.Media.Jitter;

/// <summary>What <see cref="JitterBuffer.Put"/> did with a packet.</summary>
internal enum JitterPutResult
{
    /// <summary>Stored for playout.</summary>
    Stored,

    /// <summary>Stored after the buffer was reset (first packet, SSRC change or large sequence jump).</summary>
    StoredAfterReset,

    /// <summary>Discarded: its play time had passed. Counted as lost.</summary>
    Late,

    /// <summary>Discarded: the same sequence number is already stored.</summary>
    Duplicate,

    /// <summary>Discarded: the payload is longer than the slot size.</summary>
    TooLarge,
}

namespace Inbox.Media.Jitter;

/// <summary>Bookkeeping of one ring slot; the payload bytes live in the buffer's shared slab.</summary>
internal struct JitterSlot
{
    /// <summary>Marks a slot that holds no packet.</summary>
    public const long Empty = long.MinValue;

    /// <summary>Extended sequence number of the stored packet, or <see cref="Empty"/>.</summary>
    public long Sequence;

    /// <summary>Payload length in bytes.</summary>
    public int Length;
}

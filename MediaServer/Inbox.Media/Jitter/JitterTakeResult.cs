namespace Inbox.Media.Jitter;

/// <summary>What <see cref="JitterBuffer.Take"/> produced for one frame period.</summary>
internal enum JitterTakeResult
{
    /// <summary>Not playing yet: the buffer is filling up to its target depth. Play silence or comfort noise.</summary>
    Buffering,

    /// <summary>The next frame's payload was copied into the destination.</summary>
    Frame,

    /// <summary>The frame is missing (lost, late, or the buffer ran dry): run the codec's packet loss concealment.</summary>
    Missing,
}

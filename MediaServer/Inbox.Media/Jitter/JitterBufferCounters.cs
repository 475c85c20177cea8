namespace Inbox.Media.Jitter;

/// <summary>A snapshot of a <see cref="JitterBuffer"/>'s cumulative counters, in packets or frames.</summary>
/// <param name="Received">Packets stored for playout.</param>
/// <param name="Played">Frames handed out by <c>Take</c>.</param>
/// <param name="Concealed">Frames reported missing while playing (the caller ran PLC).</param>
/// <param name="Late">Packets discarded because their play time had passed; they count as lost.</param>
/// <param name="Duplicates">Packets discarded because the same sequence number was stored.</param>
/// <param name="OverflowDrops">Stored packets dropped unplayed: ring overflow, or to shrink the depth towards target.</param>
/// <param name="TooLarge">Packets rejected because the payload exceeded the slot size.</param>
/// <param name="Resets">Buffer resets on an SSRC change or a large sequence jump.</param>
internal readonly record struct JitterBufferCounters(
    long Received,
    long Played,
    long Concealed,
    long Late,
    long Duplicates,
    long OverflowDrops,
    long TooLarge,
    long Resets);

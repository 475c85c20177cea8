namespace Inbox.Media.Clock;

/// <summary>
/// Work that runs once per 20 ms media tick: a mixer, a player, a decoded leg's playout.
/// </summary>
/// <remarks>
/// <see cref="Tick"/> is called on one of the <see cref="MediaClock"/>'s workers, never concurrently with itself,
/// and must not block: every client on the same worker waits for it. An exception is caught, logged and counted.
/// </remarks>
internal interface IMediaClockClient
{
    /// <summary>Runs one 20 ms period.</summary>
    /// <param name="tickNumber">The worker's tick count, from 1, one per 20 ms period that ran.</param>
    void Tick(long tickNumber);
}

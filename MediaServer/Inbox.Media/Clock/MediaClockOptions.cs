namespace Inbox.Media.Clock;

/// <summary>Settings of the <see cref="MediaClock"/>; bound from <c>Media:Clock</c>.</summary>
internal sealed class MediaClockOptions
{
    /// <summary>The media tick: 20 ms, the frame length every mixer, player and recorder works in.</summary>
    public static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Worker loops that share the clients; 0 (the default) means <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    public int WorkerCount { get; set; }

    /// <summary>The worker count in force: <see cref="WorkerCount"/>, or the processor count when it is 0.</summary>
    public int EffectiveWorkerCount => WorkerCount > 0 ? WorkerCount : Environment.ProcessorCount;
}

namespace Inbox.MediaServer.Tests.Plugins.Meta;

/// <summary>
/// The real clock, which a test can move ahead: the time read jumps, while timers keep real time. A fake clock would
/// not do here: moving it a day fires the media clock's 20 ms ticks for every period skipped, millions of them.
/// </summary>
internal sealed class SkippingClock : TimeProvider
{
    private long _skippedTicks;

    public void Skip(TimeSpan by) => Interlocked.Add(ref _skippedTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _skippedTicks));
}

using Microsoft.Extensions.Logging;

namespace Inbox.Media.Clock;

/// <summary>
/// One serial loop of the <see cref="MediaClock"/>: a <see cref="PeriodicTimer"/> of 20 ms that ticks its clients in
/// registration order, read from a copy-on-write array so that a tick takes no lock.
/// </summary>
/// <remarks>
/// <see cref="Add"/> and <see cref="Remove"/> are thread-safe; a client removed during a tick may be ticked once more.
/// A tick that takes longer than the period is counted as an overrun: <see cref="PeriodicTimer"/> then fires once at
/// once and drops the periods it missed, so a slow tick delays the next one but never queues a backlog, and every
/// client is still ticked each time (clients are not skipped to catch up).
/// </remarks>
internal sealed class MediaClockWorker(int index, TimeProvider timeProvider, ILogger logger)
{
    private readonly Lock _gate = new();
    private IMediaClockClient[] _clients = [];
    private long _ticks;
    private long _overruns;
    private long _failures;

    /// <summary>Clients currently registered on this worker.</summary>
    public int ClientCount => Volatile.Read(ref _clients).Length;

    /// <summary>Ticks that ran so far.</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>Ticks that took longer than the 20 ms period.</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

    /// <summary>Client ticks that threw.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public void Add(IMediaClockClient client)
    {
        lock (_gate)
        {
            var current = _clients;
            var next = new IMediaClockClient[current.Length + 1];
            current.CopyTo(next, 0);
            next[^1] = client;
            Volatile.Write(ref _clients, next);
        }
    }

    public bool Remove(IMediaClockClient client)
    {
        lock (_gate)
        {
            var current = _clients;
            var at = Array.IndexOf(current, client);
            if (at < 0)
            {
                return false;
            }

            var next = new IMediaClockClient[current.Length - 1];
            current.AsSpan(0, at).CopyTo(next);
            current.AsSpan(at + 1).CopyTo(next.AsSpan(at));
            Volatile.Write(ref _clients, next);
            return true;
        }
    }

    /// <summary>Runs ticks until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(MediaClockOptions.TickPeriod, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                RunTick();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Ticks every client once; the loop's body, visible to tests.</summary>
    internal void RunTick()
    {
        var tick = Interlocked.Increment(ref _ticks);
        var clients = Volatile.Read(ref _clients);
        var start = timeProvider.GetTimestamp();
        foreach (var client in clients)
        {
            try
            {
                client.Tick(tick);
            }
            catch (Exception exception)
            {
                // A failing client must not stop the others on this worker (STYLE: a bad frame never kills a loop).
                Interlocked.Increment(ref _failures);
                MediaClockLog.ClientFailed(logger, exception, client.GetType().Name, tick);
            }
        }

        var elapsed = timeProvider.GetElapsedTime(start);
        if (elapsed > MediaClockOptions.TickPeriod)
        {
            var overruns = Interlocked.Increment(ref _overruns);
            // The metric carries every overrun; the log only the first and then one in a thousand, to stay readable.
            if (overruns == 1 || overruns % 1000 == 0)
            {
                MediaClockLog.Overrun(logger, index, tick, elapsed.TotalMilliseconds, clients.Length);
            }
        }
    }
}

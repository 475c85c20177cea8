using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Media.Clock;

/// <summary>
/// The one media clock of the server (DESIGN: one clock drives all mixing and playout in 20 ms ticks over a few
/// workers, not a timer per call). Each worker is one <see cref="PeriodicTimer"/> loop over the injected
/// <see cref="TimeProvider"/>; clients are spread over the workers round-robin.
/// </summary>
/// <remarks>
/// All members are thread-safe. The worker loops are async and resume on the thread pool: each worker is serial
/// (never two ticks of it at once), and the workers run in parallel with each other.
/// </remarks>
internal sealed class MediaClock : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly MediaClockWorker[] _workers;
    private readonly Dictionary<IMediaClockClient, MediaClockWorker> _assignments = new(ReferenceEqualityComparer.Instance);
    private readonly ILogger _logger;
    private CancellationTokenSource? _stopping;
    private Task[] _loops = [];
    private int _next;

    public MediaClock(IOptions<MediaClockOptions> options, TimeProvider timeProvider, ILogger<MediaClock> logger, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _logger = logger;
        var count = options.Value.EffectiveWorkerCount;
        _workers = new MediaClockWorker[count];
        for (var i = 0; i < count; i++)
        {
            _workers[i] = new MediaClockWorker(i, timeProvider, logger);
        }

        if (meterFactory is not null)
        {
            // The factory owns and disposes the meter: disposing it here would break the factory's cache.
            var meter = meterFactory.Create("Inbox.Media.Clock");
            meter.CreateObservableCounter("inbox.media.clock.overruns", () => Overruns, "{tick}", "Media ticks that took longer than 20 ms");
            meter.CreateObservableCounter("inbox.media.clock.client_failures", () => Failures, "{tick}", "Client ticks that threw");
            meter.CreateObservableUpDownCounter("inbox.media.clock.clients", () => ClientCount, "{client}", "Registered clients");
        }
    }

    /// <summary>The number of worker loops.</summary>
    public int WorkerCount => _workers.Length;

    /// <summary>Ticks, over all workers, that took longer than 20 ms.</summary>
    public long Overruns => Sum(static w => w.Overruns);

    /// <summary>Client ticks, over all workers, that threw.</summary>
    public long Failures => Sum(static w => w.Failures);

    /// <summary>Registered clients over all workers.</summary>
    public int ClientCount => (int)Sum(static w => w.ClientCount);

    internal ReadOnlySpan<MediaClockWorker> Workers => _workers;

    /// <summary>Adds a client to the next worker in turn; it is ticked from the next period on.</summary>
    /// <exception cref="InvalidOperationException">The client is already registered.</exception>
    public void Register(IMediaClockClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            var worker = _workers[_next];
            if (!_assignments.TryAdd(client, worker))
            {
                throw new InvalidOperationException("The client is already registered with the media clock.");
            }

            _next = (_next + 1) % _workers.Length;
            worker.Add(client);
        }
    }

    /// <summary>Removes a client; a tick already running may still call it once. False when it was not registered.</summary>
    public bool Unregister(IMediaClockClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            return _assignments.Remove(client, out var worker) && worker.Remove(client);
        }
    }

    /// <summary>Starts the worker loops; the first tick comes one period later.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stopping is not null)
            {
                throw new InvalidOperationException("The media clock is already running.");
            }

            _stopping = new CancellationTokenSource();
            var loops = new Task[_workers.Length];
            for (var i = 0; i < loops.Length; i++)
            {
                loops[i] = _workers[i].RunAsync(_stopping.Token);
            }

            _loops = loops;
        }

        MediaClockLog.Started(_logger, _workers.Length, MediaClockOptions.TickPeriod.TotalMilliseconds);
        return Task.CompletedTask;
    }

    /// <summary>Stops the loops and waits for the ticks in progress to finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        CancellationTokenSource? stopping;
        Task[] loops;
        lock (_gate)
        {
            stopping = _stopping;
            loops = _loops;
            _stopping = null;
            _loops = [];
        }

        if (stopping is null)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(loops).WaitAsync(cancellationToken).ConfigureAwait(false);
        stopping.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private long Sum(Func<MediaClockWorker, long> value)
    {
        var total = 0L;
        foreach (var worker in _workers)
        {
            total += value(worker);
        }

        return total;
    }
}

using Inbox.Media.Sessions;

namespace Inbox.Media.Transport.Batching;

/// <summary>
/// Receives for many RTP sessions on a few dedicated threads instead of one pending receive per socket: each worker
/// owns an epoll instance (epoll(7)) over its share of the sockets and, per wake-up, reads every ready socket with one
/// recvmmsg(2) of up to <see cref="RtpReceiveWorker.BatchSize"/> datagrams into buffers allocated once per worker.
/// Datagrams go through the session's usual path (validation, latching, statistics, handler) on the worker thread,
/// so a relay's send happens there too. Linux only (<see cref="IsSupported"/>); elsewhere sessions keep
/// <see cref="RtpSession.RunAsync"/>.
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="Register"/> and <see cref="Unregister"/> may be called from any thread, including a
/// worker's. Once <see cref="Unregister"/> returns, no datagram of that session is delivered and its sockets may be
/// closed. Nothing is allocated per packet or per wake-up in steady state.
/// </remarks>
internal sealed class RtpReceiveEngine : IRtpReceiveEngine, IAsyncDisposable
{
    private readonly RtpReceiveWorker[] _workers;
    private readonly Thread[] _threads;
    private readonly RtpSessionRegistry<RtpReceiveWorker> _sessions;

    /// <param name="workerCount">Receive threads; 0 (the default) means one per processor.</param>
    public RtpReceiveEngine(int workerCount = 0)
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("The batched RTP receive engine needs Linux (epoll, recvmmsg).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(workerCount);
        var count = workerCount == 0 ? Environment.ProcessorCount : workerCount;
        _workers = new RtpReceiveWorker[count];
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _workers[i] = new RtpReceiveWorker();
            _threads[i] = new Thread(_workers[i].Run) { IsBackground = true, Name = $"Inbox RTP receive {i}" };
        }

        foreach (var thread in _threads)
        {
            thread.Start();
        }

        _sessions = new RtpSessionRegistry<RtpReceiveWorker>(_workers);
    }

    /// <summary>True on Linux, where epoll and recvmmsg exist.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    public int WorkerCount => _workers.Length;

    /// <summary>True while any worker thread is alive; false once <see cref="DisposeAsync"/> has joined them.</summary>
    public bool IsRunning => Array.Exists(_threads, t => t.IsAlive);

    /// <summary>Handler exceptions, receive errors and oversized datagrams, summed over the workers.</summary>
    public (long Faults, long ReceiveErrors, long Truncated) Errors
    {
        get
        {
            long faults = 0, errors = 0, truncated = 0;
            foreach (var worker in _workers)
            {
                faults += worker.Faults;
                errors += worker.ReceiveErrors;
                truncated += worker.Truncated;
            }

            return (faults, errors, truncated);
        }
    }

    /// <summary>Wake-ups with work, recvmmsg(2) calls with data, and datagrams, summed over the workers; approximate.</summary>
    public (long WakeUps, long Reads, long Datagrams) Batching
    {
        get
        {
            long wakeUps = 0, reads = 0, datagrams = 0;
            foreach (var worker in _workers)
            {
                var (w, r, d) = worker.Batching;
                wakeUps += w;
                reads += r;
                datagrams += d;
            }

            return (wakeUps, reads, datagrams);
        }
    }

    /// <summary>
    /// Starts receiving for <paramref name="session"/> (its RTP socket and, unless muxed, its RTCP socket) on the
    /// least-loaded worker. Prefer <see cref="RtpSession.Attach"/>, which also unregisters on dispose. Do not also
    /// run <see cref="RtpSession.RunAsync"/> for the session.
    /// </summary>
    public void Register(RtpSession session) => _sessions.Register(session, this);

    /// <summary>Stops receiving for <paramref name="session"/>; false if it was not registered.</summary>
    public bool Unregister(RtpSession session) => _sessions.Unregister(session);

    /// <summary>Stops the workers, waits for their threads, and closes the epoll instances. Sessions stay open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_sessions.Close())
        {
            return;
        }

        foreach (var worker in _workers)
        {
            worker.Stop();
        }

        foreach (var worker in _workers)
        {
            await worker.Completion.ConfigureAwait(false);
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }

        // Sessions unregistered after this find their sockets gone from a closed epoll instance: a no-op.
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }
    }
}

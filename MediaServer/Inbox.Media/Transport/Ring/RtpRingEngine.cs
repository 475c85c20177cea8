using Inbox.Media.Sessions;

namespace Inbox.Media.Transport.Ring;

/// <summary>
/// Receives and relays for many RTP sessions through io_uring (io_uring(7)): one thread per core, each owning a ring
/// with a multishot RECVMSG on each of its sockets over a provided-buffer ring, so one submission serves every
/// datagram of a socket. Sends made on a ring thread (the relay's, from the session's usual path) are queued as
/// SENDMSG entries and submitted with the next io_uring_enter(2), which also collects the next batch of datagrams:
/// one system call per loop iteration rather than a receive and a send per packet. Same shape as the batched
/// <c>RtpReceiveEngine</c>; needs Linux 6.0 (<see cref="IsSupported"/>), and falls back to nothing by itself: the
/// host picks another engine when it is not supported.
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="Register"/> and <see cref="Unregister"/> may be called from any thread. On the ring thread
/// that owns the session they act at once; from any other thread (another ring's included) they post to that ring
/// and wait for it, so two rings must not register on each other from handlers at the same time. Once
/// <see cref="Unregister"/> returns, no datagram of that session is delivered and its sockets may be closed. Nothing
/// is allocated per packet.
/// </remarks>
internal sealed class RtpRingEngine : IRtpReceiveEngine, IAsyncDisposable
{
    private readonly RtpRingWorker[] _workers;
    private readonly Thread[] _threads;
    private readonly RtpSessionRegistry<RtpRingWorker> _sessions;

    /// <param name="workerCount">Ring threads; 0 (the default) means one per processor.</param>
    public RtpRingEngine(int workerCount = 0)
        : this(RingSupport.Current, workerCount)
    {
    }

    internal RtpRingEngine(RingSupport support, int workerCount)
    {
        if (!support.IsSupported)
        {
            throw new PlatformNotSupportedException($"The io_uring RTP engine cannot run here: {support.Reason}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(workerCount);
        var count = workerCount == 0 ? Environment.ProcessorCount : workerCount;
        _workers = new RtpRingWorker[count];
        _threads = new Thread[count];
        var started = new CountdownEvent(count);
        var errors = new Exception?[count];
        for (var i = 0; i < count; i++)
        {
            var index = i;
            _threads[i] = new Thread(() =>
            {
                // The ring is created on the thread that runs it: it is single-issuer (IORING_SETUP_SINGLE_ISSUER).
                RtpRingWorker worker;
                try
                {
                    worker = new RtpRingWorker();
                    _workers[index] = worker;
                }
                catch (Exception e)
                {
                    errors[index] = e;
                    started.Signal();
                    return;
                }

                started.Signal();
                worker.Run();
            })
            { IsBackground = true, Name = $"Inbox RTP ring {i}" };
        }

        foreach (var thread in _threads)
        {
            thread.Start();
        }

        started.Wait();
        if (Array.Find(errors, e => e is not null) is { } error)
        {
            StopAndJoin();
            throw new PlatformNotSupportedException("The io_uring RTP engine could not start a ring.", error);
        }

        _sessions = new RtpSessionRegistry<RtpRingWorker>(_workers);
    }

    /// <summary>True where the probe (a ring, a provided-buffer ring, a multishot recvmsg) succeeded; see <see cref="Reason"/>.</summary>
    public static bool IsSupported => RingSupport.Current.IsSupported;

    /// <summary>Why the engine is not supported here, or null.</summary>
    public static string? Reason => RingSupport.Current.Reason;

    public int WorkerCount => _workers.Length;

    /// <summary>True while any ring thread is alive; false once <see cref="DisposeAsync"/> has joined them.</summary>
    public bool IsRunning => Array.Exists(_threads, t => t.IsAlive);

    /// <summary>Handler exceptions, receive errors and oversized datagrams, summed over the workers.</summary>
    public (long Faults, long ReceiveErrors, long Truncated) Errors
    {
        get
        {
            long faults = 0, errors = 0, truncated = 0;
            foreach (var worker in _workers)
            {
                var (f, e, t) = worker.Errors;
                faults += f;
                errors += e;
                truncated += t;
            }

            return (faults, errors, truncated);
        }
    }

    /// <summary>The workers' counters summed: system calls, completions, datagrams, sends; approximate.</summary>
    public RtpRingCounters Counters
    {
        get
        {
            var total = default(RtpRingCounters);
            foreach (var worker in _workers)
            {
                total += worker.Counters;
            }

            return total;
        }
    }

    /// <summary>
    /// Starts receiving for <paramref name="session"/> (its RTP socket and, unless muxed, its RTCP socket) on the
    /// least-loaded ring. Prefer <see cref="RtpSession.Attach"/>, which also unregisters on dispose.
    /// </summary>
    public void Register(RtpSession session) => _sessions.Register(session, this);

    /// <summary>Stops receiving for <paramref name="session"/>; false if it was not registered.</summary>
    public bool Unregister(RtpSession session) => _sessions.Unregister(session);

    /// <summary>Stops the rings (cancelling their receives), joins their threads and frees them. Sessions stay open.</summary>
    public ValueTask DisposeAsync()
    {
        if (!_sessions.Close())
        {
            return ValueTask.CompletedTask;
        }

        StopAndJoin();
        return ValueTask.CompletedTask;
    }

    private void StopAndJoin()
    {
        foreach (var worker in _workers)
        {
            worker?.Stop();
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }

        foreach (var worker in _workers)
        {
            worker?.Dispose();
        }
    }
}

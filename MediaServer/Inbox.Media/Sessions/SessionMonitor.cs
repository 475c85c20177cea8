namespace Inbox.Media.Sessions;

/// <summary>
/// A periodic check over many sessions with ONE <see cref="PeriodicTimer"/>, not one per call. Sessions are kept in a
/// copy-on-write map, so registration is thread-safe and the timer loop reads a snapshot without a lock; each
/// session's state object is touched only by that loop.
/// </summary>
internal abstract class SessionMonitor<TState> : IAsyncDisposable
    where TState : class
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private Dictionary<RtpSession, TState> _sessions = [];

    /// <summary>Sessions being watched.</summary>
    public int Count => Volatile.Read(ref _sessions).Count;

    public void Forget(RtpSession session)
    {
        lock (_gate)
        {
            var copy = new Dictionary<RtpSession, TState>(_sessions);
            copy.Remove(session);
            _sessions = copy;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Starts the timer; derived constructors call it last, once their own fields are set.</summary>
    protected void Start(TimeSpan period, TimeProvider timeProvider) => _loop = RunAsync(new PeriodicTimer(period, timeProvider));

    protected void Add(RtpSession session, TState state)
    {
        lock (_gate)
        {
            _sessions = new Dictionary<RtpSession, TState>(_sessions) { [session] = state };
        }
    }

    /// <summary>One pass over the sessions as registered at this tick.</summary>
    protected abstract void Check(IReadOnlyDictionary<RtpSession, TState> sessions);

    private async Task RunAsync(PeriodicTimer timer)
    {
        using (timer)
        {
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                {
                    Check(Volatile.Read(ref _sessions));
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}

namespace Inbox.Media.Sessions;

/// <summary>
/// Reports a session that has received no RTP for the configured time (a phone that vanished without BYE, a
/// one-way NAT failure). One timer for all sessions, not one per call; the callback runs once per silent spell and
/// again only after packets have flowed in between. Thread-safe.
/// </summary>
internal sealed class RtpInactivityMonitor : IAsyncDisposable
{
    private readonly TimeSpan _timeout;
    private readonly Action<RtpSession> _onInactive;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private Dictionary<RtpSession, bool> _sessions = [];

    /// <param name="timeout">Silence that counts as inactivity.</param>
    /// <param name="onInactive">Called from the monitor's timer; must not block.</param>
    public RtpInactivityMonitor(TimeSpan timeout, Action<RtpSession> onInactive, TimeProvider timeProvider)
    {
        _timeout = timeout;
        _onInactive = onInactive;
        var period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond));
        _loop = RunAsync(new PeriodicTimer(period, timeProvider));
    }

    public void Watch(RtpSession session)
    {
        lock (_gate)
        {
            _sessions = new Dictionary<RtpSession, bool>(_sessions) { [session] = false };
        }
    }

    public void Forget(RtpSession session)
    {
        lock (_gate)
        {
            var copy = new Dictionary<RtpSession, bool>(_sessions);
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

    private async Task RunAsync(PeriodicTimer timer)
    {
        using (timer)
        {
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                {
                    Check();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private void Check()
    {
        // The dictionary is replaced, never changed, so this snapshot needs no lock; the flags are only touched here.
        foreach (var (session, reported) in Volatile.Read(ref _sessions))
        {
            var silent = session.SinceLastPacket >= _timeout;
            if (silent && !reported)
            {
                SetReported(session, true);
                _onInactive(session);
            }
            else if (!silent && reported)
            {
                SetReported(session, false);
            }
        }
    }

    private void SetReported(RtpSession session, bool reported)
    {
        lock (_gate)
        {
            if (_sessions.ContainsKey(session))
            {
                _sessions = new Dictionary<RtpSession, bool>(_sessions) { [session] = reported };
            }
        }
    }
}

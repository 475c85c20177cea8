using Microsoft.Extensions.Time.Testing;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// A fake clock that counts its pending timers: armed and not yet fired (one-shot), or periodic, and not disposed. What
/// a call arms and does not stop shows as one more pending timer once the call is over.
/// </summary>
internal sealed class PendingTimerClock(FakeTimeProvider time) : TimeProvider
{
    private int _pending;

    public int Pending => Volatile.Read(ref _pending);

    public override TimeZoneInfo LocalTimeZone => time.LocalTimeZone;

    public override long TimestampFrequency => time.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

    public override long GetTimestamp() => time.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new CountedTimer(this, callback);
        timer.Start(time, state, dueTime, period);
        return timer;
    }

    private sealed class CountedTimer(PendingTimerClock clock, TimerCallback callback) : ITimer
    {
        private readonly Lock _gate = new();
        private ITimer? _inner;
        private bool _armed;
        private bool _periodic;

        public void Start(FakeTimeProvider time, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            _inner = time.CreateTimer(Fire, state, dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return _inner!.Change(dueTime, period);
        }

        public void Dispose()
        {
            Arm(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Fire(object? state)
        {
            lock (_gate)
            {
                if (!_periodic)
                {
                    SetArmed(false);
                }
            }

            callback(state);
        }

        private void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _periodic = dueTime != Timeout.InfiniteTimeSpan && period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero;
                SetArmed(dueTime != Timeout.InfiniteTimeSpan);
            }
        }

        private void SetArmed(bool armed)
        {
            if (armed != _armed)
            {
                _armed = armed;
                Interlocked.Add(ref clock._pending, armed ? 1 : -1);
            }
        }
    }
}

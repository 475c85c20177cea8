namespace Inbox.Interactions.Outbox;

/// <summary>
/// How the outbox retries a message its channel could not take yet: exponential backoff with jitter, until the
/// message is old enough to give up on.
/// </summary>
/// <param name="FirstRetry">The backoff after the first failed attempt.</param>
/// <param name="MaxRetry">The longest backoff; doubling stops there.</param>
/// <param name="GiveUpAfter">A message that still fails this long after it was written is marked failed.</param>
/// <param name="MaxConcurrentSends">Messages handed to channels at the same time, across all interactions.</param>
/// <param name="KeepEarlyReports">How long a delivery report for a provider id no message has yet is kept, waiting for it.</param>
internal sealed record OutboxPolicy(TimeSpan FirstRetry, TimeSpan MaxRetry, TimeSpan GiveUpAfter, int MaxConcurrentSends, TimeSpan KeepEarlyReports)
{
    /// <summary>2 s doubling to 5 min, give up after a day, 16 sends at once, early reports kept a day.</summary>
    public static OutboxPolicy Default { get; } = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), TimeSpan.FromDays(1), 16, TimeSpan.FromDays(1));

    /// <summary>The backoff after <paramref name="failures"/> failed attempts: FirstRetry, doubled per further failure, at most MaxRetry.</summary>
    public TimeSpan BackoffAfter(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failures);
        var doubled = FirstRetry.Ticks * Math.Pow(2, Math.Min(failures - 1, 62));
        return doubled >= MaxRetry.Ticks ? MaxRetry : TimeSpan.FromTicks((long)doubled);
    }

    /// <summary>
    /// The wait before the next attempt: between half and all of the backoff ("equal jitter"), so that messages that
    /// failed together, when a provider went down, do not all come back at the same instant.
    /// </summary>
    /// <param name="random">A number in [0, 1).</param>
    public TimeSpan DelayAfter(int failures, double random)
    {
        var half = BackoffAfter(failures) / 2;
        return half + (half * random);
    }
}

using Inbox.Interactions.Outbox;

namespace Inbox.Interactions.Tests.Outbox;

public sealed class OutboxPolicyTests
{
    private static readonly OutboxPolicy s_policy = OutboxPolicy.Default with { FirstRetry = TimeSpan.FromSeconds(2), MaxRetry = TimeSpan.FromMinutes(1) };

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(5, 32)]
    [InlineData(6, 60)]
    [InlineData(1_000, 60)]
    public void BackoffAfter_Failures_DoublesFromFirstRetryUpToMaxRetry(int failures, int seconds)
    {
        var backoff = s_policy.BackoffAfter(failures);

        Assert.Equal(TimeSpan.FromSeconds(seconds), backoff);
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.5, 1.5)]
    [InlineData(0.999, 1.999)]
    public void DelayAfter_Random_BetweenHalfAndAllOfTheBackoff(double random, double seconds)
    {
        var delay = s_policy.DelayAfter(1, random);

        Assert.Equal(TimeSpan.FromSeconds(seconds), delay);
    }
}

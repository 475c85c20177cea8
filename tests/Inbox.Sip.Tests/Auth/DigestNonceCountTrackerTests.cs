using Inbox.Sip.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Sip.Tests.Auth;

public sealed class DigestNonceCountTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly DigestNonceIssuer _issuer;

    public DigestNonceCountTrackerTests()
    {
        _issuer = new DigestNonceIssuer(new byte[32], TimeSpan.FromMinutes(5), _time);
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public void TryAccept_IncreasingCounts_AcceptsEachOnce()
    {
        var tracker = new DigestNonceCountTracker(_issuer, 16);

        var first = tracker.TryAccept("n", 1, Now);
        var skipped = tracker.TryAccept("n", 5, Now);
        var lower = tracker.TryAccept("n", 3, Now);
        var same = tracker.TryAccept("n", 5, Now);

        Assert.True(first);
        Assert.True(skipped);
        Assert.False(lower);
        Assert.False(same);
    }

    [Fact]
    public void TryAccept_FullWithExpiredEntries_SweepsThem()
    {
        var tracker = new DigestNonceCountTracker(_issuer, 4);
        for (var i = 0; i < 4; i++)
        {
            tracker.TryAccept($"old{i}", 1, Now);
        }

        _time.Advance(TimeSpan.FromMinutes(6));

        var accepted = tracker.TryAccept("new", 1, Now);

        Assert.True(accepted);
        Assert.Equal(1, tracker.Count);
    }

    [Fact]
    public void TryAccept_FullWithLiveEntries_EvictsOlderHalfAndRefusesThem()
    {
        var tracker = new DigestNonceCountTracker(_issuer, 4);
        var start = Now;
        for (var i = 0; i < 4; i++)
        {
            tracker.TryAccept($"n{i}", 1, start + i);
        }

        var accepted = tracker.TryAccept("n4", 1, start + 4);
        var evictedReplay = tracker.TryAccept("n0", 1, start);
        var kept = tracker.TryAccept("n3", 2, start + 3);

        Assert.True(accepted);
        Assert.False(evictedReplay);
        Assert.True(kept);
        Assert.Equal(3, tracker.Count);
    }

    [Fact]
    public async Task TryAccept_ConcurrentSameCount_AcceptsExactlyOnce()
    {
        var tracker = new DigestNonceCountTracker(_issuer, 1024);
        var accepted = 0;
        var issuedAt = Now;

        await Parallel.ForAsync(0, 64, TestContext.Current.CancellationToken, (_, _) =>
        {
            if (tracker.TryAccept("shared", 7, issuedAt))
            {
                Interlocked.Increment(ref accepted);
            }

            return ValueTask.CompletedTask;
        });

        Assert.Equal(1, accepted);
    }
}

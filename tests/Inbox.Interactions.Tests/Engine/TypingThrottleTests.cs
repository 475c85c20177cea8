using Inbox.Interactions.Engine;

namespace Inbox.Interactions.Tests.Engine;

public sealed class TypingThrottleTests
{
    private static readonly DateTimeOffset s_start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryPass_KeystrokesWithinTheWindow_OnlyTheFirstPassesPerInteraction()
    {
        var throttle = new TypingThrottle();

        var first = throttle.TryPass("i1", s_start);
        var again = throttle.TryPass("i1", s_start + TypingThrottle.Window - TimeSpan.FromMilliseconds(1));
        var another = throttle.TryPass("i2", s_start + TimeSpan.FromSeconds(1));
        var nextWindow = throttle.TryPass("i1", s_start + TypingThrottle.Window);

        Assert.Equal((true, false, true, true), (first, again, another, nextWindow));
    }

    [Fact]
    public void TryPass_AfterAQuietSpell_PassesAgainAtOnce()
    {
        var throttle = new TypingThrottle();
        throttle.TryPass("i1", s_start);
        throttle.TryPass("i2", s_start);

        var later = s_start + TimeSpan.FromMinutes(10);
        var passed = (throttle.TryPass("i2", later), throttle.TryPass("i1", later), throttle.TryPass("i1", later));

        Assert.Equal((true, true, false), passed);
    }
}

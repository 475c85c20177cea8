using Inbox.Media.Clock;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Media.Tests.Clock;

public sealed class MediaClockTests
{
    private static readonly TimeSpan s_period = TimeSpan.FromMilliseconds(20);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Advance_OnePeriod_TicksEachClientOnce()
    {
        await using var clock = CreateClock(workers: 2);
        var clients = new[] { new CountingClient(), new CountingClient(), new CountingClient() };
        foreach (var client in clients)
        {
            clock.Register(client);
        }

        await clock.StartAsync(TestContext.Current.CancellationToken);

        _time.Advance(s_period);
        foreach (var client in clients)
        {
            await client.WaitForTickAsync();
        }

        await clock.StopAsync(TestContext.Current.CancellationToken);
        Assert.All(clients, c => Assert.Equal(1, c.Ticks));
    }

    [Fact]
    public async Task Unregister_BetweenTicks_StopsTicks()
    {
        await using var clock = CreateClock(workers: 1);
        var leaving = new CountingClient();
        var staying = new CountingClient();
        clock.Register(leaving);
        clock.Register(staying);
        await clock.StartAsync(TestContext.Current.CancellationToken);
        _time.Advance(s_period);
        await leaving.WaitForTickAsync();
        await staying.WaitForTickAsync();

        var removed = clock.Unregister(leaving);
        _time.Advance(s_period);
        await staying.WaitForTickAsync();

        Assert.True(removed);
        Assert.Equal(1, leaving.Ticks);
        Assert.Equal(2, staying.Ticks);
        Assert.False(clock.Unregister(leaving));
    }

    [Fact]
    public void Register_FourClientsOnTwoWorkers_SpreadsRoundRobin()
    {
        var clock = CreateClock(workers: 2);

        for (var i = 0; i < 4; i++)
        {
            clock.Register(new CountingClient());
        }

        Assert.Equal(2, clock.Workers[0].ClientCount);
        Assert.Equal(2, clock.Workers[1].ClientCount);
        Assert.Equal(4, clock.ClientCount);
    }

    [Fact]
    public void Register_SameClientTwice_Throws()
    {
        var clock = CreateClock(workers: 2);
        var client = new CountingClient();
        clock.Register(client);

        var act = () => clock.Register(client);

        Assert.Throws<InvalidOperationException>(act);
    }

    [Fact]
    public void RunTick_ClientOverrunsPeriod_CountsOverrunAndStillTicksOthers()
    {
        var clock = CreateClock(workers: 1);
        var slow = new CountingClient(_ => _time.Advance(TimeSpan.FromMilliseconds(25)));
        var after = new CountingClient();
        clock.Register(slow);
        clock.Register(after);

        clock.Workers[0].RunTick();
        clock.Workers[0].RunTick();

        Assert.Equal(2, clock.Overruns);
        Assert.Equal(2, after.Ticks);
    }

    [Fact]
    public void RunTick_ClientThrows_CountsFailureAndTicksOthers()
    {
        var clock = CreateClock(workers: 1);
        clock.Register(new CountingClient(_ => throw new InvalidOperationException("boom")));
        var after = new CountingClient();
        clock.Register(after);

        clock.Workers[0].RunTick();

        Assert.Equal(1, clock.Failures);
        Assert.Equal(1, after.Ticks);
        Assert.Equal(0, clock.Overruns);
    }

    [Fact]
    public async Task StopAsync_ThenAdvance_NoMoreTicks()
    {
        await using var clock = CreateClock(workers: 1);
        var client = new CountingClient();
        clock.Register(client);
        await clock.StartAsync(TestContext.Current.CancellationToken);
        _time.Advance(s_period);
        await client.WaitForTickAsync();

        await clock.StopAsync(TestContext.Current.CancellationToken);
        _time.Advance(s_period * 5);

        Assert.Equal(1, client.Ticks);
    }

    private MediaClock CreateClock(int workers) =>
        new(Options.Create(new MediaClockOptions { WorkerCount = workers }), _time, NullLogger<MediaClock>.Instance);
}

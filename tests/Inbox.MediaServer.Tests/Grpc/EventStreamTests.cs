using Grpc.Core;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Grpc;

/// <summary>WatchEvents: resuming, resets, heartbeats and how a stream ends.</summary>
public sealed class EventStreamTests
{
    [Fact]
    public async Task WatchEvents_ResumeAfterSequence_GetsExactlyTheMissedEvents()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var first = ana.Watch();
        var bruno = await server.Agent("bruno").SignInAsync();
        var seen = await first.NextAsync(e => e.AgentChanged?.Agent is { AgentId: "bruno", SignedIn: true }, "bruno signing in");
        await first.DisposeAsync();

        var one = await server.CustomerWritesAsync("+5511999990011", "First");
        var two = await server.CustomerWritesAsync("+5511999990012", "Second");
        await bruno.SetPresenceAsync(V1.AgentPresence.Paused, "Break");
        await using var resumed = ana.Watch(seen.Epoch, seen.Sequence);

        await resumed.NextAsync(e => e.AgentChanged?.Agent is { AgentId: "bruno", Presence: V1.AgentPresence.Paused }, "bruno's pause");
        var missed = resumed.All;
        Assert.Equal([seen.Sequence + 1, seen.Sequence + 2, seen.Sequence + 3], missed.Select(e => e.Sequence));
        Assert.Equal(one, missed[0].InteractionChanged.Interaction.Id);
        Assert.Equal(two, missed[1].InteractionChanged.Interaction.Id);
        Assert.Equal("Break", missed[2].AgentChanged.Agent.PauseReason);
        Assert.All(missed, e => Assert.Equal(seen.Epoch, e.Epoch));
    }

    [Fact]
    public async Task WatchEvents_EpochOfAnotherServerRun_StartsWithStreamResetThenGoesLive()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();

        await using var events = ana.Watch("an-older-epoch", 42);
        var reset = await events.NextAsync(e => true, "the first event");
        var id = await server.CustomerWritesAsync("+5511999990013", "Hello");
        var live = await events.NextAsync(e => e.InteractionChanged is not null, "a live event");

        Assert.Equal(V1.StreamResetReason.EpochChanged, reset.StreamReset?.Reason);
        Assert.Equal(ana.SignedIn.EventEpoch, reset.Epoch);
        Assert.Equal(ana.SignedIn.EventSequence, reset.Sequence);
        Assert.Equal(id, live.InteractionChanged.Interaction.Id);
        Assert.Equal(reset.Sequence + 1, live.Sequence);
    }

    [Fact]
    public async Task WatchEvents_SequenceNotYetReached_StartsWithResumePointExpired()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();

        await using var events = ana.Watch(ana.SignedIn.EventEpoch, ana.SignedIn.EventSequence + 1000);
        var reset = await events.NextAsync(e => true, "the first event");

        Assert.Equal(V1.StreamResetReason.ResumePointExpired, reset.StreamReset?.Reason);
        Assert.Equal(ana.SignedIn.EventSequence, reset.Sequence);
    }

    [Fact]
    public async Task WatchEvents_Live_HeadersArriveOnceSubscribedAndTheNextEventIsNotMissed()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();

        using var call = ana.Events.WatchEvents(new V1.WatchEventsRequest(), ana.Auth);
        await call.ResponseHeadersAsync.WaitAsync(EventRecorder.DefaultWait, TestContext.Current.CancellationToken);
        var id = await server.CustomerWritesAsync("+5511999990014", "Right after");
        await using var events = new EventRecorder(call);
        var live = await events.NextAsync(e => e.InteractionChanged is not null, "the live event");

        Assert.Equal(id, live.InteractionChanged.Interaction.Id);
    }

    [Fact]
    public async Task WatchEvents_Idle_SendsHeartbeatsRepeatingTheLastSequence()
    {
        await using var server = await ApiServer.StartAsync(settings => settings["Api"]!["HeartbeatInterval"] = "00:00:00.300");
        var ana = await server.Agent("ana").SignInAsync();

        await using var events = ana.Watch();
        var first = await events.NextAsync(e => e.Heartbeat is not null, "a heartbeat");
        var second = await events.NextAsync(e => e.Heartbeat is not null, "another heartbeat");

        Assert.Equal(ana.SignedIn.EventSequence, first.Sequence);
        Assert.Equal(ana.SignedIn.EventSequence, second.Sequence);
        Assert.Equal(ana.SignedIn.EventEpoch, first.Epoch);
    }

    [Fact]
    public async Task SignIn_Again_EndsTheFirstStreamWithSessionEndedAndItsTokenStopsWorking()
    {
        await using var server = await ApiServer.StartAsync();
        var first = await server.Agent("ana").SignInAsync();
        await using var firstEvents = first.Watch(first.SignedIn.EventEpoch, 0);
        await firstEvents.NextAsync(e => e.AgentChanged?.Agent.AgentId == "ana", "her own sign-in, replayed: the stream is open");

        var second = await server.Agent("ana").SignInAsync();

        var ended = await firstEvents.NextAsync(e => e.SessionEnded is not null, "SessionEnded");
        Assert.Equal(V1.SessionEndReason.SignedInElsewhere, ended.SessionEnded.Reason);
        await firstEvents.EndAsync();
        Assert.Null(firstEvents.Failure);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await first.Agents.GetMeAsync(new V1.GetMeRequest(), first.Auth));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("you signed in elsewhere", refused.Status.Detail, StringComparison.Ordinal);
        var me = await second.Agents.GetMeAsync(new V1.GetMeRequest(), second.Auth);
        Assert.True(me.Agent.SignedIn);
    }

    [Fact]
    public async Task SignOut_EndsTheStreamWithSessionEndedAndTheToken()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        await using var events = ana.Watch(ana.SignedIn.EventEpoch, 0);
        await events.NextAsync(e => e.AgentChanged?.Agent.AgentId == "ana", "her own sign-in, replayed: the stream is open");

        await ana.Agents.SignOutAsync(new V1.SignOutRequest { RequestId = "out-1" }, ana.Auth);

        var ended = await events.NextAsync(e => e.SessionEnded is not null, "SessionEnded");
        Assert.Equal(V1.SessionEndReason.SignedOut, ended.SessionEnded.Reason);
        await events.EndAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ana.Agents.GetMeAsync(new V1.GetMeRequest(), ana.Auth));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("signed out", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerStopping_EndsOpenStreamsWithSessionEnded()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        await using var events = ana.Watch(ana.SignedIn.EventEpoch, 0);
        await events.NextAsync(e => e.AgentChanged?.Agent.AgentId == "ana", "her own sign-in, replayed");

        var stopping = server.App.StopAsync(TestContext.Current.CancellationToken);

        var ended = await events.NextAsync(e => e.SessionEnded is not null, "SessionEnded");
        Assert.Equal(V1.SessionEndReason.ServerStopping, ended.SessionEnded.Reason);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}

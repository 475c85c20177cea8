using Grpc.Core;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Grpc;

/// <summary>
/// A supervisor acting on another agent over the API: sara pauses ana, who left her desk available, and signs her
/// out; an agent may do neither to a teammate.
/// </summary>
public sealed class SupervisorAgentTests
{
    [Fact]
    public async Task SetPresence_SupervisorPausesAna_SheSeesItAndIsOfferedNothing()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var sara = await server.Agent("sara").SignInAsync();
        await ana.SetPresenceAsync(V1.AgentPresence.Available);
        await using var events = ana.Watch();

        var paused = await sara.Agents.SetPresenceAsync(
            new V1.SetPresenceRequest { RequestId = "p1", AgentId = "ana", Presence = V1.AgentPresence.Paused, PauseReason = "Break" }, sara.Auth);
        var seen = await events.NextAsync(e => e.AgentChanged?.Agent is { AgentId: "ana", Presence: V1.AgentPresence.Paused }, "her pause");
        var waiting = await server.CustomerWritesAsync("+5511999990201", "Hello");
        var me = await ana.Agents.GetMeAsync(new V1.GetMeRequest(), ana.Auth);
        var queued = await sara.Interactions.GetInteractionAsync(new V1.GetInteractionRequest { InteractionId = waiting }, sara.Auth);

        Assert.Equal(("ana", V1.AgentPresence.Paused, "Break"), (paused.Agent.AgentId, paused.Agent.Presence, paused.Agent.PauseReason));
        Assert.Equal("Break", seen.AgentChanged.Agent.PauseReason);
        Assert.Equal(V1.AgentPresence.Paused, me.Agent.Presence);
        Assert.Equal(V1.InteractionState.Pending, queued.Interaction.State);
    }

    [Fact]
    public async Task SignOut_SupervisorSignsAnaOut_HerStreamEndsNamingWhoAndHerTokenStopsWorking()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var sara = await server.Agent("sara").SignInAsync();
        await using var events = ana.Watch(ana.SignedIn.EventEpoch, 0);
        await events.NextAsync(e => e.AgentChanged?.Agent.AgentId == "ana", "her own sign-in, replayed: the stream is open");

        await sara.Agents.SignOutAsync(new V1.SignOutRequest { RequestId = "o1", AgentId = "ana" }, sara.Auth);

        var ended = await events.NextAsync(e => e.SessionEnded is not null, "SessionEnded");
        await events.EndAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ana.Agents.GetMeAsync(new V1.GetMeRequest(), ana.Auth));
        var again = await Assert.ThrowsAsync<RpcException>(async () =>
            await sara.Agents.SignOutAsync(new V1.SignOutRequest { RequestId = "o2", AgentId = "ana" }, sara.Auth));
        var saraStill = await sara.Agents.GetMeAsync(new V1.GetMeRequest(), sara.Auth);

        Assert.Equal((V1.SessionEndReason.SignedOutBySupervisor, "Sara signed you out."), (ended.SessionEnded.Reason, ended.SessionEnded.Detail));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("a supervisor signed you out", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.True(saraStill.Agent.SignedIn);
    }

    [Fact]
    public async Task ActingOnATeammate_AsAnAgent_PermissionDeniedAndUnknownAgentNotFound()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var bruno = await server.Agent("bruno").SignInAsync();
        var sara = await server.Agent("sara").SignInAsync();

        var pause = await Assert.ThrowsAsync<RpcException>(async () => await bruno.Agents.SetPresenceAsync(
            new V1.SetPresenceRequest { RequestId = "b1", AgentId = "ana", Presence = V1.AgentPresence.Unavailable }, bruno.Auth));
        var signOut = await Assert.ThrowsAsync<RpcException>(async () =>
            await bruno.Agents.SignOutAsync(new V1.SignOutRequest { RequestId = "b2", AgentId = "ana" }, bruno.Auth));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await sara.Agents.SetPresenceAsync(
            new V1.SetPresenceRequest { RequestId = "s1", AgentId = "nobody", Presence = V1.AgentPresence.Unavailable }, sara.Auth));
        var anaStill = await ana.Agents.GetMeAsync(new V1.GetMeRequest(), ana.Auth);

        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied, StatusCode.NotFound), (pause.StatusCode, signOut.StatusCode, unknown.StatusCode));
        Assert.True(anaStill.Agent.SignedIn);
    }
}

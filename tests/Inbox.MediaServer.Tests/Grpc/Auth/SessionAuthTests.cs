using Grpc.Core;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Grpc.Auth;

/// <summary>
/// Who may call what: a bearer token on every call but SignIn, and an agent touches only what is hers. A wrong API key
/// is PERMISSION_DENIED (the credential was checked and refused); a missing, unknown or ended session token is
/// UNAUTHENTICATED.
/// </summary>
public sealed class SessionAuthTests
{
    [Fact]
    public async Task AnyCall_WithoutToken_IsUnauthenticated()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = server.Agent("ana");

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest(), AgentApi.Anonymous));

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("Sign in first", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_UnknownToken_IsUnauthenticated()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = server.Agent("ana");
        var forged = new CallOptions(new Metadata { { "authorization", "Bearer not-a-session" } }, cancellationToken: TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ana.Agents.GetMeAsync(new V1.GetMeRequest(), forged));

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task WatchEvents_WithoutToken_IsUnauthenticated()
    {
        await using var server = await ApiServer.StartAsync();
        var call = server.Agent("ana").Events.WatchEvents(new V1.WatchEventsRequest(), AgentApi.Anonymous);

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Theory]
    [InlineData("ana", "wrong-key")]
    [InlineData("carla", "key-ana")]
    [InlineData("nobody", "key-ana")]
    public async Task SignIn_WrongApiKeyOrAgent_IsPermissionDenied(string agentId, string apiKey)
    {
        await using var server = await ApiServer.StartAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await server.Agent(agentId).SignInAsync(apiKey));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal("Unknown agent or wrong API key.", refused.Status.Detail);
    }

    [Fact]
    public async Task SignIn_HashedApiKey_Works()
    {
        await using var server = await ApiServer.StartAsync();

        var carla = await server.Agent("carla").SignInAsync();

        Assert.Equal("carla", carla.SignedIn.Agent.AgentId);
        Assert.Equal(V1.AgentRole.Agent, carla.SignedIn.Agent.Role);
        Assert.Equal(["Break", "Lunch", "Training", "Meeting"], carla.SignedIn.PauseReasons);
    }

    [Fact]
    public async Task Commands_OnAnotherAgentsInteraction_AreRefused()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var bruno = await server.Agent("bruno").SignInAsync();
        var carla = await server.Agent("carla").SignInAsync();
        var id = await server.CustomerWritesAsync("+5511999990021", "Hello");
        await bruno.Interactions.TakeAsync(new V1.TakeRequest { InteractionId = id }, bruno.Auth);

        var sameCampaign = await Assert.ThrowsAsync<RpcException>(async () =>
            await ana.Interactions.FinalizeAsync(new V1.FinalizeRequest { InteractionId = id }, ana.Auth));
        var otherCampaign = await Assert.ThrowsAsync<RpcException>(async () =>
            await carla.Interactions.GetInteractionAsync(new V1.GetInteractionRequest { InteractionId = id }, carla.Auth));

        Assert.Equal(StatusCode.PermissionDenied, sameCampaign.StatusCode);
        Assert.Contains("belongs to bruno", sameCampaign.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, otherCampaign.StatusCode);
    }

    [Fact]
    public async Task ListActive_AllAgents_IsForSupervisorsOnly()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var sara = await server.Agent("sara").SignInAsync();
        var id = await server.CustomerWritesAsync("+5511999990022", "Hello");
        await ana.Interactions.TakeAsync(new V1.TakeRequest { InteractionId = id }, ana.Auth);

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await ana.Interactions.ListActiveAsync(new V1.ListActiveRequest { AllAgents = true }, ana.Auth));
        var everybody = await sara.Interactions.ListActiveAsync(new V1.ListActiveRequest { AllAgents = true }, sara.Auth);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(id, Assert.Single(everybody.Interactions).Id);
    }

    [Fact]
    public async Task Requests_MissingFieldsOrUnspecifiedEnums_AreInvalidArgumentNamingTheField()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();

        var noId = await Assert.ThrowsAsync<RpcException>(async () => await ana.Interactions.TakeAsync(new V1.TakeRequest(), ana.Auth));
        var noPresence = await Assert.ThrowsAsync<RpcException>(async () => await ana.Agents.SetPresenceAsync(new V1.SetPresenceRequest(), ana.Auth));
        var noTarget = await Assert.ThrowsAsync<RpcException>(async () =>
            await ana.Interactions.TransferAsync(new V1.TransferRequest { InteractionId = "x", TargetId = "bruno" }, ana.Auth));
        var noAgent = await Assert.ThrowsAsync<RpcException>(async () =>
            await ana.Agents.SignInAsync(new V1.SignInRequest { ApiKey = "key-ana" }, AgentApi.Anonymous));
        var badPage = await Assert.ThrowsAsync<RpcException>(async () => await ana.Interactions.HistoryAsync(new V1.HistoryRequest { Limit = -1 }, ana.Auth));

        Assert.All([noId, noPresence, noTarget, noAgent, badPage], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Equal("interaction_id is required.", noId.Status.Detail);
        Assert.StartsWith("presence is required", noPresence.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("target_kind is required", noTarget.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("agent_id is required.", noAgent.Status.Detail);
        Assert.Equal("limit must not be negative.", badPage.Status.Detail);
    }

    [Fact]
    public async Task SetPresence_PauseWithoutReason_IsInvalidArgumentFromTheDomain()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ana.SetPresenceAsync(V1.AgentPresence.Paused));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("Break, Lunch, Training, Meeting", refused.Status.Detail, StringComparison.Ordinal);
    }
}

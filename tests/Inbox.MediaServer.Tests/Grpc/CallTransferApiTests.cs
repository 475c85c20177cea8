using Grpc.Core;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Grpc;

/// <summary>
/// The Calls API's transfer commands refuse what they cannot do before touching any call; transfers show their mode.
/// </summary>
public sealed class CallTransferApiTests
{
    [Fact]
    public async Task Transfer_WithoutModeOrTarget_InvalidArgumentNamingTheField()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();

        var noMode = await Assert.ThrowsAsync<RpcException>(async () =>
            await ana.Calls.TransferAsync(new V1.TransferCallRequest { InteractionId = "i1", AgentId = "bruno" }, ana.Auth));
        var noTarget = await Assert.ThrowsAsync<RpcException>(async () =>
            await ana.Calls.TransferAsync(new V1.TransferCallRequest { InteractionId = "i1", Mode = V1.TransferMode.Blind }, ana.Auth));

        Assert.Equal((StatusCode.InvalidArgument, "mode is required: BLIND or ATTENDED."), (noMode.StatusCode, noMode.Status.Detail));
        Assert.Equal(StatusCode.InvalidArgument, noTarget.StatusCode);
        Assert.Contains("agent_id, campaign_id or external_number", noTarget.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InteractionsTransfer_ShowsAttendedMode()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var bruno = await server.Agent("bruno").SignInAsync();
        var id = await server.CustomerWritesAsync("+5511999990076", "Hello");
        await ana.Interactions.TakeAsync(new V1.TakeRequest { InteractionId = id }, ana.Auth);
        await bruno.SetPresenceAsync(V1.AgentPresence.Available);

        var pending = await ana.Interactions.TransferAsync(
            new V1.TransferRequest { InteractionId = id, TargetKind = V1.TransferTargetKind.Agent, TargetId = "bruno" }, ana.Auth);

        Assert.Equal(V1.TransferMode.Attended, pending.Interaction.Transfer.Mode);
        Assert.Null(pending.Interaction.Transfer.AnsweredAt);
    }

    [Fact]
    public async Task Transfer_OfAMessagingInteraction_FailedPreconditionNotACall()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var id = await server.CustomerWritesAsync("+5511999990075", "Hello");
        await ana.Interactions.TakeAsync(new V1.TakeRequest { InteractionId = id }, ana.Auth);

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ana.Calls.TransferAsync(
            new V1.TransferCallRequest { InteractionId = id, Mode = V1.TransferMode.Attended, CampaignId = "support" }, ana.Auth));
        var complete = await Assert.ThrowsAsync<RpcException>(async () =>
            await ana.Calls.CompleteTransferAsync(new V1.CompleteTransferRequest { InteractionId = id }, ana.Auth));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("not a call", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, complete.StatusCode);
    }
}

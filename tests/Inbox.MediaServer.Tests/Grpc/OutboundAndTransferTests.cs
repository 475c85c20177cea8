using Grpc.Core;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Grpc;

/// <summary>Starting interactions ("New") and transfers that are accepted or withdrawn.</summary>
public sealed class OutboundAndTransferTests
{
    [Fact]
    public async Task StartInteraction_WhatsAppOutsideTheWindow_NeedsAnApprovedTemplate()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var text = new V1.StartInteractionRequest
        {
            Channel = V1.ChannelKind.Whatsapp,
            CampaignId = "support",
            CustomerAddress = "+55 11 99999-0071",
            FirstMessage = new V1.OutgoingMessage { Text = "Hi!" },
        };
        var template = text.Clone();
        template.RequestId = "start-1";
        template.FirstMessage = new V1.OutgoingMessage { Template = new V1.TemplateBody { TemplateId = "followup", Parameters = { "Rui", "#1234" } } };

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ana.Interactions.StartInteractionAsync(text, ana.Auth));
        var started = await ana.Interactions.StartInteractionAsync(template, ana.Auth);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("customer-service window", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(V1.InteractionState.Active, started.Interaction.State);
        Assert.Equal(V1.InteractionDirection.Outbound, started.Interaction.Direction);
        Assert.Equal("+5511999990071", started.Interaction.CustomerAddress);
        Assert.Equal("Hello Rui, about your request #1234.", started.FirstMessage.Text);
        Assert.Equal("followup", started.FirstMessage.TemplateId);
    }

    [Fact]
    public async Task StartInteraction_MissingFields_AreInvalidArgument()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();

        var noChannel = await Assert.ThrowsAsync<RpcException>(async () =>
            await ana.Interactions.StartInteractionAsync(new V1.StartInteractionRequest { CampaignId = "support", CustomerAddress = "+5511999990072" }, ana.Auth));
        var badAddress = await Assert.ThrowsAsync<RpcException>(async () => await ana.Interactions.StartInteractionAsync(
            new V1.StartInteractionRequest { Channel = V1.ChannelKind.Whatsapp, CampaignId = "support", CustomerAddress = "not a number" }, ana.Auth));

        Assert.Equal((StatusCode.InvalidArgument, "channel is required."), (noChannel.StatusCode, noChannel.Status.Detail));
        Assert.Equal(StatusCode.InvalidArgument, badAddress.StatusCode);
        Assert.Contains("is not a phone number", badAddress.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_ToCampaign_AcceptedByAMember_MovesTheInteraction()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var bruno = await server.Agent("bruno").SignInAsync();
        await using var brunoEvents = bruno.Watch();
        var id = await server.CustomerWritesAsync("+5511999990073", "Hello");
        await ana.Interactions.TakeAsync(new V1.TakeRequest { InteractionId = id }, ana.Auth);
        await bruno.SetPresenceAsync(V1.AgentPresence.Available);

        await ana.Interactions.TransferAsync(
            new V1.TransferRequest { InteractionId = id, TargetKind = V1.TransferTargetKind.Campaign, TargetId = "support" }, ana.Auth);
        var offer = await brunoEvents.NextAsync(e => e.InteractionChanged?.Interaction.Transfer?.OfferedTo == "bruno", "the transfer offered to him");
        var accepted = await bruno.Interactions.AcceptOfferAsync(new V1.AcceptOfferRequest { InteractionId = id }, bruno.Auth);

        Assert.Equal(V1.TransferTargetKind.Campaign, offer.InteractionChanged.Interaction.Transfer.TargetKind);
        Assert.Equal("ana", offer.InteractionChanged.Interaction.Transfer.FromAgentId);
        Assert.Equal((V1.InteractionState.Active, "bruno"), (accepted.Interaction.State, accepted.Interaction.AgentId));
        Assert.Null(accepted.Interaction.Transfer);
    }

    [Fact]
    public async Task CancelTransfer_GivesTheInteractionBackAtOnce()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var bruno = await server.Agent("bruno").SignInAsync();
        var id = await server.CustomerWritesAsync("+5511999990074", "Hello");
        await ana.Interactions.TakeAsync(new V1.TakeRequest { InteractionId = id }, ana.Auth);
        await bruno.SetPresenceAsync(V1.AgentPresence.Available);
        await ana.Interactions.TransferAsync(
            new V1.TransferRequest { InteractionId = id, TargetKind = V1.TransferTargetKind.Agent, TargetId = "bruno" }, ana.Auth);

        var cancelled = await ana.Interactions.CancelTransferAsync(new V1.CancelTransferRequest { InteractionId = id }, ana.Auth);
        var again = await Assert.ThrowsAsync<RpcException>(async () =>
            await ana.Interactions.CancelTransferAsync(new V1.CancelTransferRequest { InteractionId = id }, ana.Auth));

        Assert.Equal((V1.InteractionState.Active, "ana"), (cancelled.Interaction.State, cancelled.Interaction.AgentId));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }
}

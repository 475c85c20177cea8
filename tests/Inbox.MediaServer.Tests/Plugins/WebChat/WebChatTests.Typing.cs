using System.Text.Json.Nodes;
using Grpc.Core;
using Inbox.Interactions.Engine;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins.WebChat;

/// <summary>The agent's typing as the visitor's widgets see it: throttled by the server, never kept for later.</summary>
public sealed partial class WebChatTests
{
    [Fact]
    public async Task SendTyping_AgentTypesAgainWithinTheWindow_EachTabGetsOneTypingFrameThenTheMessage()
    {
        var ana = await Server.Agent("ana").SignInAsync();
        await using var maria = await WebChatVisitor.ConnectAsync(Server.WebAddress, new JsonObject { ["name"] = "Maria" });
        var (interactionId, seq) = await WritesThenTakenAsync(maria, ana, "Is anyone there?");
        await using var otherTab = await WebChatVisitor.ConnectAsync(Server.WebAddress, new JsonObject { ["token"] = maria.Token, ["after"] = seq });
        var typing = new V1.SendTypingRequest { InteractionId = interactionId };

        await ana.Interactions.SendTypingAsync(typing, ana.Auth);
        var first = (await maria.NextAsync(), await otherTab.NextAsync());
        await ana.Interactions.SendTypingAsync(typing, ana.Auth);
        await ana.Interactions.SendMessageAsync(
            new V1.SendMessageRequest { RequestId = "s1", InteractionId = interactionId, Message = new V1.OutgoingMessage { Text = "Yes, reading your file." } }, ana.Auth);
        var afterSecond = (await maria.NextAsync(), await otherTab.NextAsync());
        _clock.Skip(TypingThrottle.Window);
        await ana.Interactions.SendTypingAsync(typing, ana.Auth);
        var afterWindow = await maria.NextAsync();

        Assert.Equal(("typing", "typing"), ((string?)first.Item1["type"], (string?)first.Item2["type"]));
        Assert.Equal(("message", "message"), ((string?)afterSecond.Item1["type"], (string?)afterSecond.Item2["type"]));
        Assert.Equal("Yes, reading your file.", (string?)afterSecond.Item1["text"]);
        Assert.Equal("typing", (string?)afterWindow["type"]);
    }

    [Fact]
    public async Task SendTyping_VisitorAway_NothingIsKeptForHerReturn()
    {
        var ana = await Server.Agent("ana").SignInAsync();
        var maria = await WebChatVisitor.ConnectAsync(Server.WebAddress, new JsonObject { ["name"] = "Maria" });
        var (interactionId, seq) = await WritesThenTakenAsync(maria, ana, "Call me back");
        await maria.CloseAsync();
        await maria.DisposeAsync();

        await ana.Interactions.SendTypingAsync(new V1.SendTypingRequest { InteractionId = interactionId }, ana.Auth);
        await using var back = await WebChatVisitor.ConnectAsync(Server.WebAddress, new JsonObject { ["token"] = maria.Token, ["after"] = seq });
        await ana.Interactions.SendMessageAsync(
            new V1.SendMessageRequest { RequestId = "s1", InteractionId = interactionId, Message = new V1.OutgoingMessage { Text = "Calling now." } }, ana.Auth);
        var next = await back.NextAsync();

        Assert.Equal(("message", "Calling now."), ((string?)next["type"], (string?)next["text"]));
    }

    [Fact]
    public async Task SendTyping_InteractionFinalized_FailedPreconditionAndTheChannelSaysItShowsTyping()
    {
        var ana = await Server.Agent("ana").SignInAsync();
        await using var maria = await WebChatVisitor.ConnectAsync(Server.WebAddress, new JsonObject { ["name"] = "Maria" });
        var (interactionId, _) = await WritesThenTakenAsync(maria, ana, "Thanks, bye");
        await ana.Interactions.FinalizeAsync(new V1.FinalizeRequest { RequestId = "f1", InteractionId = interactionId }, ana.Auth);

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await ana.Interactions.SendTypingAsync(new V1.SendTypingRequest { InteractionId = interactionId }, ana.Auth));
        var campaigns = await ana.Campaigns.ListCampaignsAsync(new V1.ListCampaignsRequest(), ana.Auth);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        var support = Assert.Single(campaigns.Campaigns, c => c.Id == "support");
        Assert.True(Assert.Single(support.Channels, c => c.Kind == V1.ChannelKind.Webchat).Capabilities.AgentTyping);
        Assert.False(Assert.Single(support.Channels, c => c.Kind == V1.ChannelKind.Whatsapp).Capabilities.AgentTyping);
    }

    // The visitor's first message opens a pending interaction, which the agent takes; returns it and the message's seq.
    private static async Task<(string InteractionId, long Seq)> WritesThenTakenAsync(WebChatVisitor visitor, AgentApi agent, string text)
    {
        await visitor.SendAsync(new JsonObject { ["type"] = "message", ["id"] = "c1", ["text"] = text });
        var seq = (long)(await visitor.NextAsync("received"))["seq"]!;
        var pending = Assert.Single((await agent.Interactions.ListPendingAsync(new V1.ListPendingRequest(), agent.Auth)).Interactions);
        await agent.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "t1", InteractionId = pending.Id }, agent.Auth);
        return (pending.Id, seq);
    }
}

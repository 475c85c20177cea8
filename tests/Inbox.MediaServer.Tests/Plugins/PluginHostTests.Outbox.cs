using System.Net;
using System.Text.Json.Nodes;
using Inbox.MediaServer.Plugins;
using Microsoft.Extensions.DependencyInjection;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins;

/// <summary>The outbox through the real host: an SMS provider outage that outlasts a restart of the server.</summary>
public sealed partial class PluginHostTests
{
    [Fact]
    public async Task Sms_ProviderDownAcrossARestart_EachMessageDeliveredOnceInOrder()
    {
        _gateway.Down = true;
        await StartServerAsync(settings => settings["Inbox"]!["Outbox"] = new JsonObject { ["FirstRetry"] = "00:00:00.100", ["MaxRetry"] = "00:00:00.400" });
        var carla = await Server.Agent("carla").SignInAsync("key-carla");
        await FakeSmsGateway.PostAsync(Server.WebAddress, "inbound", """{"id":"in-1","from":"+5511999990001","text":"Where is my order?"}""");
        var interaction = Assert.Single((await carla.Interactions.ListPendingAsync(new V1.ListPendingRequest(), carla.Auth)).Interactions);
        await carla.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "t1", InteractionId = interaction.Id }, carla.Auth);

        var first = (await carla.Interactions.SendMessageAsync(Reply("s1", interaction.Id, "It left today."), carla.Auth)).Message;
        var second = (await carla.Interactions.SendMessageAsync(Reply("s2", interaction.Id, "Tracking: AB123."), carla.Auth)).Message;
        await Until(() => Task.FromResult(_gateway.Sent.Count >= 3));
        var whileDown = await MessagesAsync(carla, interaction.Id);

        _server = await Server.RestartAsync();
        await Server.App.Services.GetRequiredService<ChannelPluginService>().Started;
        var triedBeforeRestart = _gateway.Sent.Count;
        await Until(() => Task.FromResult(_gateway.Sent.Count >= triedBeforeRestart + 2));
        carla = await Server.Agent("carla").SignInAsync("key-carla");
        var afterRestart = await MessagesAsync(carla, interaction.Id);
        _gateway.Down = false;
        await Until(async () => (await MessagesAsync(carla, interaction.Id)).All(m => m.Status == V1.MessageStatus.Sent));
        var reports = new[] { """{"id":"gw-1","status":"delivered"}""", """{"id":"gw-2","status":"delivered"}""" };
        foreach (var report in reports)
        {
            Assert.Equal(HttpStatusCode.OK, await FakeSmsGateway.PostAsync(Server.WebAddress, "status", report));
        }

        await Until(async () => (await MessagesAsync(carla, interaction.Id)).All(m => m.Status == V1.MessageStatus.Delivered));

        // Before the restart: the first is retried, the second waits behind it, and the agent sees why.
        var references = _gateway.Sent.Select(s => (string?)s.Message["reference"]).ToList();
        Assert.Equal([.. Enumerable.Repeat(first.Id, references.Count - 1), second.Id], references);
        Assert.Equal((V1.MessageStatus.Sending, "http_503"), (whileDown[0].Status, whileDown[0].FailureCode));
        Assert.True(whileDown[0].SendAttempts >= 2);
        Assert.NotNull(whileDown[0].NextAttemptAt);
        Assert.Equal((V1.MessageStatus.Sending, 0), (whileDown[1].Status, whileDown[1].SendAttempts));

        // After it, still down: both still queued, the first still being retried.
        Assert.All(afterRestart, m => Assert.Equal(V1.MessageStatus.Sending, m.Status));
        Assert.True(afterRestart[0].SendAttempts > whileDown[0].SendAttempts);

        // Back up: each delivered exactly once, in the order written, with nothing lost.
        Assert.Equal([(first.Id, "It left today."), (second.Id, "Tracking: AB123.")], _gateway.Delivered.Select(m => ((string?)m["reference"], (string?)m["text"])));
        var final = await MessagesAsync(carla, interaction.Id);
        Assert.Equal([("gw-1", 0), ("gw-2", 0)], final.Select(m => (m.ProviderMessageId, m.FailureCode.Length)));
        Assert.All(final, m => Assert.Null(m.NextAttemptAt));
    }

    private static V1.SendMessageRequest Reply(string requestId, string interactionId, string text) =>
        new() { RequestId = requestId, InteractionId = interactionId, Message = new V1.OutgoingMessage { Text = text } };

    /// <summary>The agent's messages in the interaction, oldest first.</summary>
    private static async Task<List<V1.Message>> MessagesAsync(AgentApi agent, string interactionId) =>
        [.. (await agent.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = interactionId }, agent.Auth)).Messages
            .Where(m => m.Direction == V1.MessageDirection.Outbound)];
}

using System.Net;
using System.Text.Json.Nodes;
using Inbox.MediaServer.Plugins;
using Microsoft.Extensions.DependencyInjection;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins;

/// <summary>
/// The real host loading plugin folders: the sample SMS plugin runs beside broken folders (no manifest, another
/// contract version, a missing setting, a start that throws, a second plugin for the same channel), and an SMS
/// travels both ways through it, with the gateway's webhooks authenticated.
/// </summary>
public sealed partial class PluginHostTests : IAsyncLifetime
{
    private readonly string _plugins = Directory.CreateTempSubdirectory("inbox-plugins-").FullName;
    private readonly FakeSmsGateway _gateway = new();
    private ApiServer? _server;

    private ApiServer Server => _server!;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _gateway.Dispose();
        Directory.Delete(_plugins, recursive: true);
    }

    [Fact]
    public async Task ListChannels_GoodAndBrokenFolders_EachWithItsStateAndReason()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "sample-plugins", "sample");
        Directory.CreateDirectory(Path.Combine(_plugins, "no-manifest"));
        CopyFolder(sample, Path.Combine(_plugins, "future"), manifest => manifest["contractVersion"] = 99);
        CopyFolder(sample, Path.Combine(_plugins, "unset"), manifest => { manifest["id"] = "unset"; manifest["kind"] = "WhatsApp"; });
        CopyFolder(sample, Path.Combine(_plugins, "throwing"), manifest => { manifest["id"] = "throwing"; manifest["kind"] = "Messenger"; });
        CopyFolder(sample, Path.Combine(_plugins, "second"), manifest => manifest["id"] = "second");
        CopyFolder(sample, Path.Combine(_plugins, "webchat"), manifest => { manifest["id"] = "webchat"; manifest["kind"] = "WebChat"; });
        await StartServerAsync();
        var ana = await Server.Agent("ana").SignInAsync();

        var channels = (await new V1.ChannelsService.ChannelsServiceClient(Server.Connection).ListChannelsAsync(new V1.ListChannelsRequest(), ana.Auth)).Channels
            .ToDictionary(c => c.Id);

        var smsProviders = new[] { channels["sample"], channels["second"] };
        var running = Assert.Single(smsProviders, c => c.State == V1.ChannelState.Running);
        Assert.True(running.Healthy, running.Detail);
        Assert.Equal(V1.ChannelKind.Sms, running.Kind);
        Assert.Contains("already provides Sms", Assert.Single(smsProviders, c => c.State == V1.ChannelState.Failed).Detail, StringComparison.Ordinal);
        Assert.Equal((V1.ChannelState.Failed, "plugin.json is missing"), (channels["no-manifest"].State, channels["no-manifest"].Detail));
        Assert.Contains("contract version 99", channels["future"].Detail, StringComparison.Ordinal);
        Assert.Contains("Channels:unset:GatewayUrl is required", channels["unset"].Detail, StringComparison.Ordinal);
        Assert.Equal(V1.ChannelState.Failed, channels["throwing"].State);
        Assert.Equal((V1.ChannelState.Unconfigured, "Channels:webchat is not in the configuration"), (channels["webchat"].State, channels["webchat"].Detail));
        Assert.Contains("URI", channels["throwing"].Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sms_InboundWebhookThenReplyThenDeliveryReport_TravelsThroughThePlugin()
    {
        await StartServerAsync();
        var carla = await Server.Agent("carla").SignInAsync("key-carla");

        var forged = await FakeSmsGateway.PostAsync(Server.WebAddress, "inbound", """{"id":"in-0","from":"+5511999990009","text":"forged"}""", apiKey: "wrong");
        var accepted = await FakeSmsGateway.PostAsync(
            Server.WebAddress, "inbound", """{"id":"in-1","from":"+5511999990001","text":"Is my order on its way?"}""");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (forged, accepted));
        var pending = Assert.Single((await carla.Interactions.ListPendingAsync(new V1.ListPendingRequest(), carla.Auth)).Interactions);
        await carla.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "t1", InteractionId = pending.Id }, carla.Auth);
        var reply = await carla.Interactions.SendMessageAsync(
            new V1.SendMessageRequest { RequestId = "s1", InteractionId = pending.Id, Message = new V1.OutgoingMessage { Text = "It left today." } }, carla.Auth);
        await Until(async () => await StatusOfAsync(carla, pending.Id, reply.Message.Id) == V1.MessageStatus.Sent);
        var (sent, authorization) = Assert.Single(_gateway.Sent);
        var delivered = await FakeSmsGateway.PostAsync(Server.WebAddress, "status", """{"id":"gw-1","status":"delivered"}""");
        await Until(async () => await StatusOfAsync(carla, pending.Id, reply.Message.Id) == V1.MessageStatus.Delivered);
        var unknownPath = await FakeSmsGateway.PostAsync(Server.WebAddress, "nowhere", "{}");

        Assert.Equal((V1.ChannelKind.Sms, "+5511999990001", "sales"), (pending.Channel, pending.CustomerAddress, pending.CampaignId));
        Assert.Equal(("+5511999990001", "It left today.", reply.Message.Id), ((string?)sent["to"], (string?)sent["text"], (string?)sent["reference"]));
        Assert.Equal("Bearer " + FakeSmsGateway.ApiKey, authorization);
        Assert.Equal(HttpStatusCode.OK, delivered);
        Assert.Equal(HttpStatusCode.NotFound, unknownPath);
    }

    // The sample plugin, configured for the fake gateway, plus whatever folders the test put beside it.
    private async Task StartServerAsync(Action<JsonObject>? configure = null)
    {
        CopyFolder(Path.Combine(AppContext.BaseDirectory, "sample-plugins", "sample"), Path.Combine(_plugins, "sample"));
        _server = await ApiServer.StartAsync(settings =>
        {
            configure?.Invoke(settings);
            settings["Plugins"] = new JsonObject { ["Directory"] = _plugins };
            settings["Channels"] = new JsonObject
            {
                ["sample"] = new JsonObject { ["GatewayUrl"] = _gateway.Url, ["ApiKey"] = FakeSmsGateway.ApiKey },
                ["second"] = new JsonObject { ["GatewayUrl"] = _gateway.Url, ["ApiKey"] = FakeSmsGateway.ApiKey },

                // Configured, but without the gateway's address.
                ["unset"] = new JsonObject { ["ApiKey"] = "k" },

                // Not a URL: the plugin's start throws.
                ["throwing"] = new JsonObject { ["GatewayUrl"] = "not a url", ["ApiKey"] = "k" },
            };
        });
        await Server.App.Services.GetRequiredService<ChannelPluginService>().Started;
    }

    private static async Task<V1.MessageStatus> StatusOfAsync(AgentApi agent, string interactionId, string messageId)
    {
        var messages = await agent.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = interactionId }, agent.Auth);
        return messages.Messages.Single(m => m.Id == messageId).Status;
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static void CopyFolder(string from, string to, Action<JsonObject>? editManifest = null)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        if (editManifest is not null)
        {
            var path = Path.Combine(to, "plugin.json");
            var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            editManifest(manifest);
            File.WriteAllText(path, manifest.ToJsonString());
        }
    }
}

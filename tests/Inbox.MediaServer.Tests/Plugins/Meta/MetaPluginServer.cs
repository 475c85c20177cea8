using System.Net;
using System.Text.Json.Nodes;
using Inbox.Contracts.Channels;
using Inbox.Interactions.Channels;
using Inbox.MediaServer.Plugins;
using Microsoft.Extensions.DependencyInjection;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins.Meta;

/// <summary>
/// The real server with one of Meta's plugins loaded from its build folder (<c>sample-plugins/&lt;id&gt;</c>) and
/// pointed at a <see cref="FakeGraphApi"/>, on a clock the test can move ahead (<see cref="SkippingClock"/>). The
/// host's built-in test WhatsApp channel is left out: the plugin provides the kind.
/// </summary>
internal sealed class MetaPluginServer : IAsyncDisposable
{
    private readonly string _plugins;

    private MetaPluginServer(string channelId, string plugins, FakeGraphApi graph, SkippingClock clock, ApiServer server)
    {
        (ChannelId, _plugins, Graph, Clock, Server) = (channelId, plugins, graph, clock, server);
    }

    public string ChannelId { get; }

    public FakeGraphApi Graph { get; }

    public SkippingClock Clock { get; }

    public ApiServer Server { get; private set; }

    /// <summary>The plugin's own folder for what it keeps across restarts (<c>IChannelHost.DataDirectory</c>).</summary>
    public string PluginData => Path.Combine(Server.DataDirectory, "channels", ChannelId);

    /// <summary>The loaded plugin itself, for what the API does not show (a send's retryable flag).</summary>
    public IChannelPlugin Plugin => Server.App.Services.GetRequiredService<ChannelCatalog>().All.Single(c => c.Id == ChannelId).Plugin!;

    /// <param name="account">The <c>PhoneNumberId</c>, <c>PageId</c> or <c>AccountId</c> setting and its value.</param>
    /// <param name="configure">Further edits, e.g. a campaign that takes the channel.</param>
    public static async Task<MetaPluginServer> StartAsync(string channelId, (string Setting, string Value) account, Action<JsonObject>? configure = null)
    {
        var graph = await FakeGraphApi.StartAsync();
        var plugins = Directory.CreateTempSubdirectory("inbox-meta-plugins-").FullName;
        CopyFolder(Path.Combine(AppContext.BaseDirectory, "sample-plugins", channelId), Path.Combine(plugins, channelId));
        var clock = new SkippingClock();
        var server = await ApiServer.StartAsync(
            settings =>
            {
                settings["Plugins"] = new JsonObject { ["Directory"] = plugins };
                settings["Channels"] = new JsonObject
                {
                    [channelId] = new JsonObject
                    {
                        ["BaseUrl"] = graph.Url,
                        ["ApiVersion"] = FakeGraphApi.Version,
                        ["AccessToken"] = FakeGraphApi.AccessToken,
                        ["AppSecret"] = FakeGraphApi.AppSecret,
                        ["VerifyToken"] = FakeGraphApi.VerifyToken,
                        [account.Setting] = account.Value,
                    },
                };
                configure?.Invoke(settings);
            },
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                foreach (var builtIn in services.Where(s => s.ServiceType == typeof(IInteractionChannel) && !s.IsKeyedService && s.ImplementationInstance is TestChannel).ToList())
                {
                    services.Remove(builtIn);
                }
            });
        await RunningAsync(server, channelId);
        return new MetaPluginServer(channelId, plugins, graph, clock, server);
    }

    /// <summary>Stops the server and starts it again on the same folders, plugin, stub and clock, as an operator's restart would.</summary>
    public async Task RestartAsync()
    {
        Server = await Server.RestartAsync();
        await RunningAsync(Server, ChannelId);
    }

    /// <summary>A webhook as Meta posts it, signed unless <paramref name="signature"/> says otherwise.</summary>
    public Task<HttpStatusCode> PostAsync(JsonObject payload, string? signature = null) =>
        FakeGraphApi.PostWebhookAsync(Server.WebAddress, ChannelId, payload.ToJsonString(), signature);

    /// <summary>What the agent's UI shows of one message.</summary>
    public static async Task<V1.Message> MessageAsync(AgentApi agent, string interactionId, string messageId) =>
        (await agent.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = interactionId }, agent.Auth)).Messages.Single(m => m.Id == messageId);

    /// <summary>Waits for a send's outcome and checks the provider took it.</summary>
    public static async Task<V1.Message> SentAsync(AgentApi agent, string interactionId, string messageId)
    {
        V1.Message? message = null;
        await Until(async () => (message = await MessageAsync(agent, interactionId, messageId)).Status != V1.MessageStatus.Sending, "the send");
        Assert.True(message!.Status == V1.MessageStatus.Sent, $"{message.Status}: {message.FailureCode} {message.FailureReason}");
        return message;
    }

    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Graph.DisposeAsync();
        Directory.Delete(_plugins, recursive: true);
    }

    private static async Task RunningAsync(ApiServer server, string channelId)
    {
        await server.App.Services.GetRequiredService<ChannelPluginService>().Started;
        var loaded = server.App.Services.GetRequiredService<ChannelCatalog>().All.Single(c => c.Id == channelId);
        Assert.True(loaded.State == ChannelPluginState.Running, loaded.Failure);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

using System.Net.WebSockets;
using Inbox.Contracts.Channels;

namespace Inbox.MediaServer.Plugins;

/// <summary>What one plugin is given: its own configuration section, data folder and routes, and the shared inbox.</summary>
internal sealed class PluginChannelHost(
    string channelId, IConfiguration configuration, ILoggerFactory loggerFactory, TimeProvider time, string dataDirectory, IChannelSink sink,
    WebhookRouter router) : IChannelHost
{
    public string ChannelId { get; } = channelId;

    public IConfiguration Configuration { get; } = configuration;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    public TimeProvider Time { get; } = time;

    public string DataDirectory { get; } = dataDirectory;

    public IChannelSink Sink { get; } = sink;

    public void MapWebhook(string path, Func<WebhookRequest, CancellationToken, Task<WebhookResponse>> handler) =>
        router.MapWebhook(ChannelId, path, handler);

    public void MapWebSocket(string path, Func<WebSocket, WebhookRequest, CancellationToken, Task> handler) =>
        router.MapWebSocket(ChannelId, path, handler);
}

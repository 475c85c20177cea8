using System.Net.WebSockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Inbox.Contracts.Channels;

/// <summary>What the server gives a plugin: its configuration, logging, a clock, storage, the inbox and HTTP routes.</summary>
public interface IChannelHost
{
    /// <summary>The plugin's id, from its manifest.</summary>
    string ChannelId { get; }

    /// <summary>The plugin's own configuration section (<c>Channels:&lt;id&gt;</c>), reloaded when the file changes.</summary>
    IConfiguration Configuration { get; }

    ILoggerFactory LoggerFactory { get; }

    /// <summary>The clock to use for every timeout and timestamp, so tests can control it.</summary>
    TimeProvider Time { get; }

    /// <summary>A folder of the plugin's own for state that must survive a restart (e.g. the last IMAP UID seen).</summary>
    string DataDirectory { get; }

    /// <summary>Where inbound messages and delivery reports go.</summary>
    IChannelSink Sink { get; }

    /// <summary>
    /// Routes HTTP requests to <c>/channels/&lt;id&gt;/&lt;path&gt;</c> (any method) on the server's web port to
    /// <paramref name="handler"/>: a provider's webhooks. Call during <see cref="IChannelPlugin.StartAsync"/>.
    /// </summary>
    void MapWebhook(string path, Func<WebhookRequest, CancellationToken, Task<WebhookResponse>> handler);

    /// <summary>
    /// Accepts WebSocket connections at <c>/channels/&lt;id&gt;/&lt;path&gt;</c> and hands each to
    /// <paramref name="handler"/>, which owns the socket until it returns. Its token is cancelled when the client goes
    /// away or the server stops. Call during <see cref="IChannelPlugin.StartAsync"/>.
    /// </summary>
    void MapWebSocket(string path, Func<WebSocket, WebhookRequest, CancellationToken, Task> handler);
}

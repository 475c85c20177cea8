using System.Collections.Concurrent;
using System.Net.WebSockets;
using Inbox.Contracts.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Inbox.MediaServer.Tests.Plugins.Email;

/// <summary>
/// A host for one plugin outside the server: its settings in memory (editable while it runs, as the operator's file
/// would be), a data folder, and a sink that records what it files and stores it under a new id every time, so a
/// mail filed twice shows twice.
/// </summary>
internal sealed class RecordingChannelHost(string channelId, IConfiguration configuration, string dataDirectory, ILoggerFactory loggerFactory)
    : IChannelHost, IChannelSink
{
    private int _filed;

    public ConcurrentQueue<InboundMessage> Received { get; } = new();

    public string ChannelId { get; } = channelId;

    public IConfiguration Configuration { get; } = configuration;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    public TimeProvider Time => TimeProvider.System;

    public string DataDirectory { get; } = dataDirectory;

    public IChannelSink Sink => this;

    public void MapWebhook(string path, Func<WebhookRequest, CancellationToken, Task<WebhookResponse>> handler) =>
        throw new NotSupportedException("The e-mail channel maps no webhooks.");

    public void MapWebSocket(string path, Func<WebSocket, WebhookRequest, CancellationToken, Task> handler) =>
        throw new NotSupportedException("The e-mail channel maps no web sockets.");

    public Task<InboundResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        Received.Enqueue(message);
        var number = Interlocked.Increment(ref _filed);
        return Task.FromResult(new InboundResult("interaction-1", $"message-{number}", IsDuplicate: false));
    }

    public Task ReportStatusAsync(StatusReport report, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReportTypingAsync(string customerAddress, CancellationToken cancellationToken) => Task.CompletedTask;
}

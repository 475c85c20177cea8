using Inbox.Contracts.Channels;
using Inbox.Plugins.Meta.Graph;
using Inbox.Plugins.Meta.Webhooks;
using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.Meta.Messaging;

/// <summary>
/// A channel on Meta's Messenger Platform for one Page or Instagram account: sends go to the Send API
/// (<c>POST {BaseUrl}/{ApiVersion}/me/messages</c> with the Page's token); Meta posts messages, deliveries and
/// reads to <c>/channels/&lt;id&gt;/webhook</c>, signed with the app secret. Public only so that each plugin
/// assembly can declare its one sealed channel class on it; it cannot be derived from elsewhere.
/// </summary>
public abstract class MessengerPlatformChannel : IChannelPlugin
{
    private readonly MessengerPlatform _platform;
    private GraphClient? _graph;
    private MessengerSender? _sender;

    internal MessengerPlatformChannel(MessengerPlatform platform)
    {
        _platform = platform;
        Settings = MetaSettings.Describe(platform.AccountSetting, platform.AccountDescription);
    }

    public IReadOnlyList<ChannelSetting> Settings { get; }

    public ChannelCapabilities Capabilities => _platform.Capabilities;

    public Task StartAsync(IChannelHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var settings = MetaSettings.Read(host.Configuration, _platform.AccountSetting);
        _graph = new GraphClient(settings);
        var logger = host.LoggerFactory.CreateLogger(GetType());
        var sent = _platform.ReadsCarryMessageId ? null : new SentMessageStore(host.DataDirectory, host.Time, host.ChannelId, logger);
        _sender = new MessengerSender(_graph, _platform, sent);
        var receipts = sent is null ? null : new WatermarkReceipts(sent, host.Sink);
        var webhook = new MessengerWebhook(host.ChannelId, settings, _platform, _graph, host.Sink, host.Time, receipts, logger);
        host.MapWebhook("webhook", new MetaWebhookEndpoint(host.ChannelId, settings, webhook.HandleAsync, logger).HandleAsync);
        return Task.CompletedTask;
    }

    public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken) => _sender!.SendAsync(message, cancellationToken);

    public Task SendTypingAsync(AgentTyping typing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(typing);
        return _sender!.SendTypingAsync(typing.CustomerAddress, cancellationToken);
    }

    public async Task<ChannelHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var me = await _graph!.GetAsync("me?fields=id", cancellationToken);
        return me.Failure is { } failure ? ChannelHealth.Unhealthy($"the Graph API refused the token: {failure.FailureReason}") : ChannelHealth.Healthy;
    }

    public ValueTask DisposeAsync()
    {
        _graph?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

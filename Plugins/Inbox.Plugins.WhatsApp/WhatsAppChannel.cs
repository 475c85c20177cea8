using Inbox.Contracts.Channels;
using Inbox.Plugins.Meta;
using Inbox.Plugins.Meta.Graph;
using Inbox.Plugins.Meta.Webhooks;
using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.WhatsApp;

/// <summary>
/// WhatsApp through Meta's Cloud API for one business phone number: sends are POSTed to
/// <c>{BaseUrl}/{ApiVersion}/{PhoneNumberId}/messages</c>, files uploaded to <c>…/media</c> first; Meta posts
/// messages and statuses to <c>/channels/&lt;id&gt;/webhook</c>, signed with the app secret.
/// </summary>
public sealed class WhatsAppChannel : IChannelPlugin
{
    private const string AccountSetting = "PhoneNumberId";
    private MetaSettings? _settings;
    private GraphClient? _graph;
    private WhatsAppSender? _sender;

    public IReadOnlyList<ChannelSetting> Settings { get; } =
        MetaSettings.Describe(AccountSetting, "The business phone number's id (not the number), from the app's WhatsApp > API Setup page");

    // Cloud API limits: 4,096 characters of text; documents up to 100 MB (images 5 MB, audio and video 16 MB: checked per file).
    public ChannelCapabilities Capabilities { get; } =
        new(AttachmentKinds.All, VoiceNotes: true, Templates: true, MessagingWindow: TimeSpan.FromHours(24), MaxTextLength: 4_096,
            MaxAttachmentBytes: WhatsAppMediaKind.MaxDocumentBytes);

    public Task StartAsync(IChannelHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        _settings = MetaSettings.Read(host.Configuration, AccountSetting);
        _graph = new GraphClient(_settings);
        _sender = new WhatsAppSender(_graph, _settings.Account);
        var logger = host.LoggerFactory.CreateLogger<WhatsAppChannel>();
        var webhook = new WhatsAppWebhook(host.ChannelId, _settings, _graph, host.Sink, host.Time, logger);
        host.MapWebhook("webhook", new MetaWebhookEndpoint(host.ChannelId, _settings, webhook.HandleAsync, logger).HandleAsync);
        return Task.CompletedTask;
    }

    public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken) => _sender!.SendAsync(message, cancellationToken);

    public async Task<ChannelHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var phoneNumber = await _graph!.GetAsync(_settings!.Account, cancellationToken);
        return phoneNumber.Failure is { } failure ? ChannelHealth.Unhealthy($"the Graph API refused the phone number: {failure.FailureReason}") : ChannelHealth.Healthy;
    }

    public ValueTask DisposeAsync()
    {
        _graph?.Dispose();
        return ValueTask.CompletedTask;
    }
}

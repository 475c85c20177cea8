using Inbox.Contracts.Channels;
using Inbox.Plugins.Twilio.Mms;

namespace Inbox.Plugins.Twilio;

/// <summary>
/// SMS through Twilio's Messaging API. Sends are form posts to the Messages resource; Twilio posts incoming texts to
/// <c>/channels/&lt;id&gt;/inbound</c> and status callbacks to <c>/channels/&lt;id&gt;/status</c>, both signed
/// with the account's auth token. Incoming MMS files are fetched from Twilio and filed with the message; what agents
/// send is text only, up to 1600 characters (Twilio's limit for one message): an outgoing MMS would need its files at
/// a public URL for Twilio to fetch.
/// </summary>
public sealed class TwilioSmsChannel : IChannelPlugin
{
    private TwilioMessagesClient? _client;
    private TwilioMediaClient? _media;
    private TwilioOptions? _options;
    private TwilioWebhooks? _webhooks;

    public IReadOnlyList<ChannelSetting> Settings => TwilioOptions.Settings;

    public ChannelCapabilities Capabilities { get; } =
        new(AttachmentKinds.None, VoiceNotes: false, Templates: false, MessagingWindow: null, MaxTextLength: 1_600, MaxAttachmentBytes: 0);

    public Task StartAsync(IChannelHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        _options = TwilioOptions.Read(host.Configuration, host.ChannelId);
        _client = new TwilioMessagesClient(_options);
        _media = new TwilioMediaClient(_options);
        var logger = host.LoggerFactory.CreateLogger(typeof(TwilioSmsChannel).FullName!);
        var mms = new MmsMediaReader(host.ChannelId, _media, host.Time, logger);
        _webhooks = new TwilioWebhooks(host.ChannelId, _options, mms, host.Sink, host.Time, logger);
        host.MapWebhook(TwilioWebhooks.InboundPath, _webhooks.ReceiveAsync);
        host.MapWebhook(TwilioWebhooks.StatusPath, _webhooks.StatusAsync);
        return Task.CompletedTask;
    }

    public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var form = new List<KeyValuePair<string, string>> { new("To", message.CustomerAddress), new("Body", message.Text) };
        form.Add(_options!.MessagingServiceSid is { } service ? new("MessagingServiceSid", service) : new("From", _options.From!));
        if (_webhooks!.StatusCallbackUrl is { } callback)
        {
            form.Add(new("StatusCallback", callback));
        }

        return _client!.SendAsync(form, cancellationToken);
    }

    public Task<ChannelHealth> CheckHealthAsync(CancellationToken cancellationToken) => _client!.CheckAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _media?.Dispose();
        return ValueTask.CompletedTask;
    }
}

using Inbox.Contracts.Channels;
using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.Email;

/// <summary>
/// E-mail as a channel: agents' messages leave by SMTP submission (STARTTLS, AUTH, HTML with a text alternative,
/// Cc, Bcc, attachments) under a Message-ID minted from the inbox's message id; customers' mail comes in from an
/// IMAP folder (IDLE, else polling) and threads back by In-Reply-To and References. Settings: <see cref="EmailSettings"/>.
/// </summary>
public sealed class EmailChannel : IChannelPlugin
{
    // Health is asked for often (every probe of the server's health); providers rate-limit logins, so one SMTP
    // login answers for this long.
    private static readonly TimeSpan s_smtpProbeReuse = TimeSpan.FromSeconds(30);

    private IChannelHost? _host;
    private SmtpProbe? _lastSmtpProbe;
    private ILogger? _logger;
    private ImapReceiver? _receiver;
    private long _maxAttachmentBytes;

    public IReadOnlyList<ChannelSetting> Settings => EmailSettings.All;

    // A voice note is just an audio attachment in e-mail; there is no messaging window.
    public ChannelCapabilities Capabilities =>
        new(AttachmentKinds.All, VoiceNotes: false, Templates: true, MessagingWindow: null, MaxTextLength: 1_000_000, MaxAttachmentBytes: _maxAttachmentBytes);

    public Task StartAsync(IChannelHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);

        // Read once here so that a setting that does not parse fails the start, with its reason, not every send.
        _maxAttachmentBytes = EmailSettings.Read(host.Configuration).MaxAttachmentBytes;
        _host = host;
        _logger = host.LoggerFactory.CreateLogger<EmailChannel>();
        _receiver = new ImapReceiver(host, _logger);
        _receiver.Start();
        return Task.CompletedTask;
    }

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var host = _host ?? throw new InvalidOperationException("The e-mail channel has not started.");
        var options = EmailSettings.Read(host.Configuration);
        var mail = await OutboundMail.CreateAsync(message, options, host.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var result = await SmtpSubmission.SendAsync(mail, OutboundMail.MessageIdOf(message, options), options, cancellationToken).ConfigureAwait(false);
        if (!result.Accepted)
        {
            EmailLog.NotSent(_logger!, message.MessageId, result.FailureCode, result.FailureReason, result.Retryable);
        }

        return result;
    }

    /// <summary>Healthy when the IMAP folder is being watched and the SMTP server takes a connection and the login.</summary>
    public async Task<ChannelHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var host = _host ?? throw new InvalidOperationException("The e-mail channel has not started.");
        var now = host.Time.GetUtcNow();
        if (_lastSmtpProbe is not { } probe || now - probe.At >= s_smtpProbeReuse)
        {
            probe = new SmtpProbe(now, await SmtpSubmission.ProbeAsync(EmailSettings.Read(host.Configuration), cancellationToken).ConfigureAwait(false));
            _lastSmtpProbe = probe;
        }

        var smtp = probe.Problem;
        var imap = _receiver!.Health;
        return (imap.IsHealthy, smtp) switch
        {
            (true, null) => ChannelHealth.Healthy,
            (true, _) => ChannelHealth.Unhealthy(smtp),
            (false, null) => imap,
            (false, _) => ChannelHealth.Unhealthy($"{imap.Detail}; {smtp}"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed record SmtpProbe(DateTimeOffset At, string? Problem);
}

using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.Meta;

/// <summary>What Meta's channels log (plugin event ids 4300-4399).</summary>
internal static partial class MetaLog
{
    [LoggerMessage(EventId = 4300, EventName = "MetaWebhookUnsigned", Level = LogLevel.Warning,
        Message = "Channel {Channel} refused a webhook without an X-Hub-Signature-256 header")]
    public static partial void WebhookUnsigned(ILogger logger, string channel);

    [LoggerMessage(EventId = 4301, EventName = "MetaWebhookForged", Level = LogLevel.Warning,
        Message = "Channel {Channel} refused a webhook whose X-Hub-Signature-256 does not match its body (a forgery, or another app secret)")]
    public static partial void WebhookForged(ILogger logger, string channel);

    [LoggerMessage(EventId = 4302, EventName = "MetaVerificationRefused", Level = LogLevel.Warning,
        Message = "Channel {Channel} refused a webhook verification: wrong hub.mode or hub.verify_token")]
    public static partial void VerificationRefused(ILogger logger, string channel);

    [LoggerMessage(EventId = 4303, EventName = "MetaEventStale", Level = LogLevel.Warning,
        Message = "Channel {Channel} ignored event {EventId} from {At:u}: older than the replay window")]
    public static partial void EventStale(ILogger logger, string channel, string eventId, DateTimeOffset at);

    [LoggerMessage(EventId = 4304, EventName = "MetaOtherAccount", Level = LogLevel.Warning,
        Message = "Channel {Channel} ignored events for account {Account}: it is configured for {Configured}")]
    public static partial void OtherAccount(ILogger logger, string channel, string account, string configured);

    [LoggerMessage(EventId = 4305, EventName = "MetaMediaUnavailable", Level = LogLevel.Warning,
        Message = "Channel {Channel} could not fetch the media of message {MessageId}; Meta will deliver the webhook again")]
    public static partial void MediaUnavailable(ILogger logger, string channel, string messageId, Exception exception);

    [LoggerMessage(EventId = 4306, EventName = "MetaSentNotRemembered", Level = LogLevel.Warning,
        Message = "Channel {Channel} sent message {MessageId} but could not remember it: its read receipt will not be shown")]
    public static partial void SentNotRemembered(ILogger logger, string channel, string messageId, Exception exception);

    [LoggerMessage(EventId = 4307, EventName = "MetaSentFileUnreadable", Level = LogLevel.Warning,
        Message = "Channel {Channel} could not read {Path}, its record of unread messages to one person: it starts afresh")]
    public static partial void SentFileUnreadable(ILogger logger, string channel, string path, Exception exception);

    [LoggerMessage(EventId = 4308, EventName = "MetaSentSweepFailed", Level = LogLevel.Warning,
        Message = "Channel {Channel} could not sweep its records of unread messages; expired ones stay until the next sweep")]
    public static partial void SentSweepFailed(ILogger logger, string channel, Exception exception);
}

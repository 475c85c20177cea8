using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.Email;

internal static partial class EmailLog
{
    [LoggerMessage(EventId = 4100, EventName = "EmailImapWatching", Level = LogLevel.Information,
        Message = "E-mail channel watches {Server} folder {Folder} ({Mode})")]
    public static partial void Watching(ILogger logger, MailServer server, string folder, string mode);

    [LoggerMessage(EventId = 4101, EventName = "EmailImapLost", Level = LogLevel.Warning,
        Message = "E-mail channel lost IMAP {Server}; connecting again in {Delay}")]
    public static partial void ImapLost(ILogger logger, MailServer? server, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 4102, EventName = "EmailFiled", Level = LogLevel.Information,
        Message = "Mail {ProviderId} (UID {Uid}) filed into interaction {InteractionId}; duplicate: {Duplicate}")]
    public static partial void Filed(ILogger logger, string providerId, uint uid, string interactionId, bool duplicate);

    [LoggerMessage(EventId = 4103, EventName = "EmailWithoutSender", Level = LogLevel.Warning,
        Message = "Mail UID {Uid} has no From or Sender address to answer; marked seen, not filed")]
    public static partial void WithoutSender(ILogger logger, uint uid);

    [LoggerMessage(EventId = 4104, EventName = "EmailNotSent", Level = LogLevel.Warning,
        Message = "Mail for message {MessageId} not sent: {Code} {Reason} (retryable: {Retryable})")]
    public static partial void NotSent(ILogger logger, string messageId, string? code, string? reason, bool retryable);
}

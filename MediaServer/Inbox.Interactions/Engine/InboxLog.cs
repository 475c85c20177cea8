using Inbox.Interactions.Channels;
using Microsoft.Extensions.Logging;

namespace Inbox.Interactions.Engine;

internal static partial class InboxLog
{
    [LoggerMessage(EventId = 5000, EventName = "InboxResumed", Level = LogLevel.Information,
        Message = "Inbox resumed {OpenInteractions} open interaction(s) and {Chats} chat(s) from storage")]
    public static partial void Resumed(ILogger logger, int openInteractions, int chats);

    [LoggerMessage(EventId = 5001, EventName = "ChannelSendFailed", Level = LogLevel.Warning,
        Message = "The {Channel} channel failed to send message {MessageId}")]
    public static partial void ChannelSendFailed(ILogger logger, ChannelKind channel, string messageId, Exception exception);

    [LoggerMessage(EventId = 5002, EventName = "MessageStatusNotStored", Level = LogLevel.Error,
        Message = "The delivery status of message {MessageId} could not be stored")]
    public static partial void StatusNotStored(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 5003, EventName = "DeadlineSweepFailed", Level = LogLevel.Error,
        Message = "Offer, transfer and wrap-up deadlines could not be applied; retrying")]
    public static partial void DeadlineSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5004, EventName = "OfferNoticeFailed", Level = LogLevel.Error,
        Message = "A channel failed to take notice of an offer")]
    public static partial void OfferNoticeFailed(ILogger logger, Exception exception);
}

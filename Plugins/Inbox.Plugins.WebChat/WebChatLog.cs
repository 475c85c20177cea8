using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.WebChat;

internal static partial class WebChatLog
{
    [LoggerMessage(EventId = 4501, EventName = "WebChatMessageNotStored", Level = LogLevel.Warning,
        Message = "Channel {ChannelId} could not file visitor {VisitorId}'s message")]
    public static partial void MessageNotStored(ILogger logger, string channelId, string visitorId, Exception exception);

    [LoggerMessage(EventId = 4502, EventName = "WebChatSocketFailed", Level = LogLevel.Debug,
        Message = "Channel {ChannelId}: a visitor's socket ended abruptly")]
    public static partial void SocketFailed(ILogger logger, string channelId, Exception exception);
}

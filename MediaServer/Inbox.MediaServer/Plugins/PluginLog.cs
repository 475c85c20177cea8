namespace Inbox.MediaServer.Plugins;

internal static partial class PluginLog
{
    [LoggerMessage(EventId = 7000, EventName = "PluginStarted", Level = LogLevel.Information,
        Message = "Channel plugin {Id} ({Kind}) started from {Folder}")]
    public static partial void Started(ILogger logger, string id, Inbox.Contracts.Channels.ChannelKind kind, string folder);

    [LoggerMessage(EventId = 7001, EventName = "PluginFailed", Level = LogLevel.Error,
        Message = "Channel plugin in {Folder} failed: {Reason}; the server goes on without it")]
    public static partial void Failed(ILogger logger, string folder, string reason, Exception? exception);

    [LoggerMessage(EventId = 7002, EventName = "PluginSendThrew", Level = LogLevel.Warning,
        Message = "Channel plugin {Id} threw while sending message {MessageId}; the message is failed")]
    public static partial void SendThrew(ILogger logger, string id, string messageId, Exception exception);

    [LoggerMessage(EventId = 7003, EventName = "PluginStopFailed", Level = LogLevel.Warning, Message = "Channel plugin {Id} failed to stop cleanly")]
    public static partial void StopFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(EventId = 7004, EventName = "NoPluginsFolder", Level = LogLevel.Information,
        Message = "No channel plugins: {Folder} does not exist")]
    public static partial void NoFolder(ILogger logger, string folder);

    [LoggerMessage(EventId = 7005, EventName = "PluginUnconfigured", Level = LogLevel.Information,
        Message = "Channel plugin {Id} in {Folder} is not started: Channels:{Id} is not in the configuration")]
    public static partial void Unconfigured(ILogger logger, string id, string folder);

    [LoggerMessage(EventId = 7006, EventName = "PluginTypingFailed", Level = LogLevel.Warning,
        Message = "Channel plugin {Id} failed to show the agent typing in interaction {InteractionId}")]
    public static partial void TypingFailed(ILogger logger, string id, string interactionId, Exception exception);
}

namespace Inbox.MediaServer.Hosting;

internal static partial class HostLog
{
    [LoggerMessage(EventId = 3000, EventName = "InboxStarted", Level = LogLevel.Information,
        Message = "Inbox started: SIP on port {SipPort}, gRPC on port {ApiPort}, gRPC-Web on port {WebPort}; database {DatabasePath}")]
    public static partial void Started(ILogger logger, int sipPort, int apiPort, int webPort, string databasePath);

    [LoggerMessage(EventId = 3001, EventName = "DemoSecretsInUse", Level = LogLevel.Warning,
        Message = "Demo secrets are in use for extension(s) {Extensions}: anyone who has read the sample configuration can register as them. Set your own SipPassword or SipPasswordHash before exposing SIP beyond loopback.")]
    public static partial void DemoSecretsInUse(ILogger logger, string extensions);

    [LoggerMessage(EventId = 3002, EventName = "DirectoryReloaded", Level = LogLevel.Information,
        Message = "Configuration changed: {AgentCount} agent(s) and {CampaignCount} campaign(s) now in force; live interactions carry on")]
    public static partial void DirectoryReloaded(ILogger logger, int agentCount, int campaignCount);

    [LoggerMessage(EventId = 3003, EventName = "DirectoryReloadRejected", Level = LogLevel.Error,
        Message = "Configuration changed but is not valid, so the previous agents and campaigns stay in force: {Failures}")]
    public static partial void DirectoryReloadRejected(ILogger logger, string failures);

    [LoggerMessage(EventId = 3004, EventName = "DirectoryReloadFailed", Level = LogLevel.Error,
        Message = "Configuration changed but could not be applied; the previous agents and campaigns stay in force")]
    public static partial void DirectoryReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3005, EventName = "PlainApiKeysInUse", Level = LogLevel.Warning,
        Message = "Plain API keys are configured for agent(s) {Agents}: anyone who reads the configuration can sign in as them. Replace ApiKey with ApiKeyHash (hash-api-key prints one) before exposing the API beyond loopback.")]
    public static partial void PlainApiKeysInUse(ILogger logger, string agents);

    [LoggerMessage(EventId = 3006, EventName = "MediaReceiveEngine", Level = LogLevel.Information, Message = "Media sockets are read by {Engine}")]
    public static partial void MediaReceiveEngine(ILogger logger, string engine);

    [LoggerMessage(EventId = 3007, EventName = "CallsInterrupted", Level = LogLevel.Warning,
        Message = "{Count} call interaction(s) were still open when the server last stopped; their calls are gone, so they were ended as interrupted")]
    public static partial void CallsInterrupted(ILogger logger, int count);
}

namespace Inbox.MediaServer.Hosting;

internal static partial class HostLog
{
    [LoggerMessage(EventId = 3000, EventName = "InboxStarted", Level = LogLevel.Information, Message = "Inbox started; database {DatabasePath}")]
    public static partial void Started(ILogger logger, string databasePath);

    [LoggerMessage(EventId = 3001, EventName = "DemoSecretsInUse", Level = LogLevel.Warning,
        Message = "Demo secrets are in use for extension(s) {Extensions}: anyone who has read the sample configuration can register as them. Set your own SipPassword or SipPasswordHash before exposing SIP beyond loopback.")]
    public static partial void DemoSecretsInUse(ILogger logger, string extensions);
}

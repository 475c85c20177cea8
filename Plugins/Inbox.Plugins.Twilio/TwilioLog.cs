using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.Twilio;

internal static partial class TwilioLog
{
    [LoggerMessage(EventId = 4401, EventName = "TwilioSignatureRefused", Level = LogLevel.Warning,
        Message = "Channel {ChannelId} refused a '{Path}' webhook: its X-Twilio-Signature does not sign {Url} (is PublicUrl the URL Twilio calls?)")]
    public static partial void SignatureRefused(ILogger logger, string channelId, string path, string url);

    [LoggerMessage(EventId = 4402, EventName = "TwilioMediaNotFetched", Level = LogLevel.Warning,
        Message = "Channel {ChannelId} filed message {MessageSid} without MMS file {FileName}: {Problem}")]
    public static partial void MediaNotFetched(ILogger logger, string channelId, string messageSid, string fileName, string problem);
}

using Microsoft.Extensions.Logging;

namespace Inbox.Telephony.Legs;

/// <summary>Conference calls: event ids 6140-6149.</summary>
internal static partial class TelephonyLog
{
    [LoggerMessage(EventId = 6140, EventName = "ConferenceAdding", Level = LogLevel.Information, Message = "Call {CallId}: adding {Participant} on leg {LegCallId}")]
    public static partial void ConferenceAdding(ILogger logger, string callId, string participant, string legCallId);

    [LoggerMessage(EventId = 6141, EventName = "ConferenceJoined", Level = LogLevel.Information, Message = "Call {CallId}: {Participant} joined; {Count} legs mixed")]
    public static partial void ConferenceJoined(ILogger logger, string callId, string participant, int count);

    [LoggerMessage(EventId = 6142, EventName = "ConferenceLeft", Level = LogLevel.Information, Message = "Call {CallId}: agent {AgentId} left the conference; the others stay connected")]
    public static partial void ConferenceLeft(ILogger logger, string callId, string agentId);

    [LoggerMessage(EventId = 6143, EventName = "ConferenceOver", Level = LogLevel.Information,
        Message = "Call {CallId}: the last participant left; the customer and agent {AgentId} are bridged again")]
    public static partial void ConferenceOver(ILogger logger, string callId, string agentId);
}

using Microsoft.Extensions.Logging;

namespace Inbox.Telephony.Legs;

/// <summary>Attended transfers phones complete with REFER and Replaces: event ids 6170-6179.</summary>
internal static partial class TelephonyLog
{
    [LoggerMessage(EventId = 6170, EventName = "ConsultReplacing", Level = LogLevel.Information,
        Message = "Call {CallId}: agent {AgentId}'s phone asks to join the customer to the party of its call {ConsultCallId} (Replaces)")]
    public static partial void ConsultReplacing(ILogger logger, string callId, string agentId, string consultCallId);

    [LoggerMessage(EventId = 6171, EventName = "ConsultHandedOver", Level = LogLevel.Information,
        Message = "Call {CallId}: agent {AgentId} joined from the consult {ConsultCallId}; the referring agent's phone is let go")]
    public static partial void ConsultHandedOver(ILogger logger, string callId, string agentId, string consultCallId);

    [LoggerMessage(EventId = 6172, EventName = "ConsultGone", Level = LogLevel.Information,
        Message = "Call {CallId}: the consult {ConsultCallId} ended before it could be joined to the customer")]
    public static partial void ConsultGone(ILogger logger, string callId, string consultCallId);
}

using Microsoft.Extensions.Logging;

namespace Inbox.Telephony.Legs;

/// <summary>Supervisors listening in on calls: event ids 6180-6189.</summary>
internal static partial class TelephonyLog
{
    [LoggerMessage(EventId = 6180, EventName = "MonitorRinging", Level = LogLevel.Information,
        Message = "Call {CallId}: supervisor {SupervisorId} asked to listen in; his phone is rung (leg {LegCallId})")]
    public static partial void MonitorRinging(ILogger logger, string callId, string supervisorId, string legCallId);

    [LoggerMessage(EventId = 6181, EventName = "MonitorListening", Level = LogLevel.Information,
        Message = "Call {CallId}: supervisor {SupervisorId} is listening to the customer and agent {AgentId}")]
    public static partial void MonitorListening(ILogger logger, string callId, string supervisorId, string agentId);

    [LoggerMessage(EventId = 6182, EventName = "MonitorStopped", Level = LogLevel.Information,
        Message = "Call {CallId}: supervisor {SupervisorId} no longer listens: {Reason}")]
    public static partial void MonitorStopped(ILogger logger, string callId, string supervisorId, string reason);

    [LoggerMessage(EventId = 6183, EventName = "MonitorJoined", Level = LogLevel.Information,
        Message = "Call {CallId}: supervisor {SupervisorId} {How}; the call is a conference")]
    public static partial void MonitorJoined(ILogger logger, string callId, string supervisorId, string how);
}

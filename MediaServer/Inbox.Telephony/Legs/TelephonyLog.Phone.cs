using Microsoft.Extensions.Logging;

namespace Inbox.Telephony.Legs;

/// <summary>Calls agents' phones place through the server: event ids 6160-6169.</summary>
internal static partial class TelephonyLog
{
    [LoggerMessage(EventId = 6160, EventName = "PhoneDialled", Level = LogLevel.Information,
        Message = "Call {CallId}: agent {AgentId}'s phone dialled {Dialled} (to {Target})")]
    public static partial void PhoneDialled(ILogger logger, string callId, string agentId, string dialled, string target);

    [LoggerMessage(EventId = 6161, EventName = "LateDialNotice", Level = LogLevel.Warning,
        Message = "Call {CallId}: the inbox placed agent {AgentId}'s dial after her phone's call was given up; it is not placed")]
    public static partial void LateDialNotice(ILogger logger, string callId, string agentId);
}

using Inbox.Interactions.Interactions;
using Microsoft.Extensions.Logging;

namespace Inbox.Telephony.Legs;

/// <summary>Transfers and REFER: event ids 6100-6119.</summary>
internal static partial class TelephonyLog
{
    [LoggerMessage(EventId = 6100, EventName = "TransferStarted", Level = LogLevel.Information, Message = "Call {CallId}: {Mode} transfer started")]
    public static partial void TransferStarted(ILogger logger, string callId, TransferMode mode);

    [LoggerMessage(EventId = 6101, EventName = "TransferCompleted", Level = LogLevel.Information, Message = "Call {CallId} transferred to agent {AgentId}")]
    public static partial void TransferCompleted(ILogger logger, string callId, string agentId);

    [LoggerMessage(EventId = 6102, EventName = "TransferReturned", Level = LogLevel.Information,
        Message = "Call {CallId}: nobody took the transfer; back to agent {AgentId}")]
    public static partial void TransferReturned(ILogger logger, string callId, string agentId);

    [LoggerMessage(EventId = 6103, EventName = "ReferReceived", Level = LogLevel.Information,
        Message = "Call {CallId}: agent {AgentId}'s phone refers the customer to {ReferTo} (Referred-By {ReferredBy})")]
    public static partial void ReferReceived(ILogger logger, string callId, string agentId, Inbox.Sip.Messages.SipUri referTo, string referredBy);

    [LoggerMessage(EventId = 6104, EventName = "ReferRefused", Level = LogLevel.Information,
        Message = "Call {CallId}: REFER answered {StatusCode}: {Reason}")]
    public static partial void ReferRefused(ILogger logger, string callId, int statusCode, string reason);

    [LoggerMessage(EventId = 6105, EventName = "ReferNotified", Level = LogLevel.Debug, Message = "Call {CallId}: NOTIFY sipfrag {StatusCode} to the referring phone")]
    public static partial void ReferNotified(ILogger logger, string callId, int statusCode);

    [LoggerMessage(EventId = 6106, EventName = "TransferredOut", Level = LogLevel.Information, Message = "Call {CallId} transferred to the number {Number}")]
    public static partial void TransferredOut(ILogger logger, string callId, string number);
}

using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Inbox.Sip.Stack;

internal static partial class SipStackLog
{
    [LoggerMessage(EventId = 1100, EventName = "SipRequestRejected", Level = LogLevel.Debug, Message = "Rejected {Method} from {Source}: {StatusCode} {Reason}")]
    public static partial void RequestRejected(ILogger logger, string method, SipEndPoint source, int statusCode, string reason);

    [LoggerMessage(EventId = 1101, EventName = "SipHandlerFailed", Level = LogLevel.Error, Message = "Handling {Method} (Call-ID {CallId}) failed")]
    public static partial void HandlerFailed(ILogger logger, string method, string callId, Exception exception);

    [LoggerMessage(EventId = 1102, EventName = "SipExecutorOverloaded", Level = LogLevel.Warning, Message = "SIP executor queue full: dropped a message from {Source}")]
    public static partial void ExecutorOverloaded(ILogger logger, SipEndPoint source);

    [LoggerMessage(EventId = 1103, EventName = "SipServerTransactionFailed", Level = LogLevel.Debug, Message = "Server transaction for {Method} failed: {Failure}")]
    public static partial void ServerTransactionFailed(ILogger logger, string method, SipTransactionFailure failure, Exception? exception);

    [LoggerMessage(EventId = 1104, EventName = "SipSendFailed", Level = LogLevel.Debug, Message = "Sending a response to {Destination} failed")]
    public static partial void SendFailed(ILogger logger, SipEndPoint destination, Exception exception);

    [LoggerMessage(EventId = 1105, EventName = "SipWorkFailed", Level = LogLevel.Error, Message = "SIP executor work failed")]
    public static partial void WorkFailed(ILogger logger, Exception exception);
}

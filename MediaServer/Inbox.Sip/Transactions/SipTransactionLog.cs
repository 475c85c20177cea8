using Inbox.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Inbox.Sip.Transactions;

internal static partial class SipTransactionLog
{
    [LoggerMessage(EventId = 1200, EventName = "MalformedMessageDropped", Level = LogLevel.Debug,
        Message = "Dropped a message from {Source} that cannot be matched to a transaction: {Reason}")]
    public static partial void MalformedMessageDropped(ILogger logger, SipEndPoint source, string reason);

    [LoggerMessage(EventId = 1201, EventName = "StrayResponse", Level = LogLevel.Debug,
        Message = "Response {StatusCode} from {Source} matches no client transaction")]
    public static partial void StrayResponse(ILogger logger, int statusCode, SipEndPoint source);

    [LoggerMessage(EventId = 1202, EventName = "ServerTransactionFailed", Level = LogLevel.Information,
        Message = "Server transaction {Branch} for {Method} ended: {Failure}")]
    public static partial void ServerTransactionFailed(ILogger logger, string branch, string method, SipTransactionFailure failure);
}

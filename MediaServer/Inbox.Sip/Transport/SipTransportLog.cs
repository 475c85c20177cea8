using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Inbox.Sip.Transport;

internal static partial class SipTransportLog
{
    [LoggerMessage(EventId = 1000, EventName = "SipListening", Level = LogLevel.Information, Message = "SIP listening on {Protocol} {EndPoint}")]
    public static partial void Listening(ILogger logger, SipTransportProtocol protocol, IPEndPoint endPoint);

    [LoggerMessage(EventId = 1001, EventName = "SipReceiveFailed", Level = LogLevel.Error, Message = "Handling a message received over {Protocol} failed")]
    public static partial void ReceiveFailed(ILogger logger, string protocol, Exception exception);

    [LoggerMessage(EventId = 1002, EventName = "SipConnectionFailed", Level = LogLevel.Debug, Message = "TCP connection with {EndPoint} failed: {Error}")]
    public static partial void ConnectionFailed(ILogger logger, IPEndPoint endPoint, SocketError error);

    [LoggerMessage(EventId = 1003, EventName = "SipAcceptFailed", Level = LogLevel.Warning, Message = "Accepting a TCP connection on {EndPoint} failed: {Error}")]
    public static partial void AcceptFailed(ILogger logger, IPEndPoint endPoint, SocketError error);
}

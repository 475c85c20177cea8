namespace Inbox.MediaServer.Grpc;

internal static partial class GrpcLog
{
    [LoggerMessage(EventId = 3100, EventName = "ApiListening", Level = LogLevel.Information,
        Message = "Control API listening: gRPC (HTTP/2) on {GrpcAddress}, gRPC-Web (HTTP/1.1) on {WebAddress}")]
    public static partial void Listening(ILogger logger, Uri grpcAddress, Uri webAddress);

    [LoggerMessage(EventId = 3101, EventName = "EventStreamOpened", Level = LogLevel.Debug,
        Message = "Event stream opened for {AgentId} (epoch '{Epoch}', after {AfterSequence})")]
    public static partial void EventStreamOpened(ILogger logger, string agentId, string epoch, ulong afterSequence);

    [LoggerMessage(EventId = 3102, EventName = "EventStreamClosed", Level = LogLevel.Debug,
        Message = "Event stream of {AgentId} closed after sequence {LastSequence}: {Reason}")]
    public static partial void EventStreamClosed(ILogger logger, string agentId, ulong lastSequence, string reason);

    [LoggerMessage(EventId = 3103, EventName = "EventStreamOverflowed", Level = LogLevel.Warning,
        Message = "Event stream of {AgentId} cut off: its client read too slowly (last sequence sent {LastSequence}); it may resume from there")]
    public static partial void EventStreamOverflowed(ILogger logger, string agentId, ulong lastSequence);
}

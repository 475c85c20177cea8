using Microsoft.Extensions.Logging;

namespace Inbox.Media.Clock;

/// <summary>Log messages of the media clock (event ids 2400-2409).</summary>
internal static partial class MediaClockLog
{
    [LoggerMessage(EventId = 2400, EventName = "MediaClockStarted", Level = LogLevel.Information,
        Message = "Media clock started with {WorkerCount} workers and a {PeriodMs} ms tick")]
    public static partial void Started(ILogger logger, int workerCount, double periodMs);

    [LoggerMessage(EventId = 2401, EventName = "MediaClockClientFailed", Level = LogLevel.Error,
        Message = "Media clock client {Client} failed on tick {TickNumber}")]
    public static partial void ClientFailed(ILogger logger, Exception exception, string client, long tickNumber);

    [LoggerMessage(EventId = 2402, EventName = "MediaClockOverrun", Level = LogLevel.Warning,
        Message = "Media clock worker {Worker} overran tick {TickNumber}: {ElapsedMs} ms for {ClientCount} clients")]
    public static partial void Overrun(ILogger logger, int worker, long tickNumber, double elapsedMs, int clientCount);
}

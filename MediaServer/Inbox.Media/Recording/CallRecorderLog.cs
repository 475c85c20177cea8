using Microsoft.Extensions.Logging;

namespace Inbox.Media.Recording;

/// <summary>Log messages of call recording (event ids 2430-2439).</summary>
internal static partial class CallRecorderLog
{
    [LoggerMessage(EventId = 2430, EventName = "RecordingWriteFailed", Level = LogLevel.Error,
        Message = "Writing the recording {Path} failed; recording stopped")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 2431, EventName = "RecordingFramesDropped", Level = LogLevel.Warning,
        Message = "Recording {Path} dropped frames: the disk fell {Capacity} frames behind ({Dropped} dropped so far)")]
    public static partial void FramesDropped(ILogger logger, string path, int capacity, long dropped);

    [LoggerMessage(EventId = 2432, EventName = "RecordingClosed", Level = LogLevel.Information,
        Message = "Recording {Path} closed: {Frames} frames, {Dropped} dropped")]
    public static partial void Closed(ILogger logger, string path, long frames, long dropped);
}

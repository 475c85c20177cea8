using Microsoft.Extensions.Logging;

namespace Inbox.Media.Codecs;

/// <summary>Codec log messages, event ids 2200–2219.</summary>
internal static partial class CodecLog
{
    [LoggerMessage(EventId = 2200, EventName = "OpusNative", Level = LogLevel.Information,
        Message = "Opus uses native {Version} (allocation-free)")]
    public static partial void OpusNative(ILogger logger, string? version);

    [LoggerMessage(EventId = 2201, EventName = "OpusManaged", Level = LogLevel.Warning,
        Message = "Opus uses the managed Concentus codec: native libopus was not found (install Debian's libopus0); expect about 1.5x CPU and per-frame allocations")]
    public static partial void OpusManaged(ILogger logger);
}

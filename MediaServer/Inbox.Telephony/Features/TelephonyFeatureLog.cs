using Microsoft.Extensions.Logging;

namespace Inbox.Telephony.Features;

internal static partial class TelephonyFeatureLog
{
    [LoggerMessage(EventId = 6200, EventName = "RecordingStarted", Level = LogLevel.Information,
        Message = "Call {CallId}: recording interaction {InteractionId} to {Path}")]
    public static partial void RecordingStarted(ILogger logger, string callId, string interactionId, string path);

    [LoggerMessage(EventId = 6201, EventName = "RecordingFailed", Level = LogLevel.Error,
        Message = "The call recording {Path} could not be written; the call goes on unrecorded")]
    public static partial void RecordingFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 6202, EventName = "DigitReceived", Level = LogLevel.Debug,
        Message = "Call {CallId}: the customer pressed a key ({DurationMs} ms, {Via})")]
    // Never the digit itself: keypad entries are card numbers and PINs, which logs must not keep (PCI DSS 3.2).
    public static partial void DigitReceived(ILogger logger, string callId, int durationMs, string via);

    [LoggerMessage(EventId = 6203, EventName = "DigitsSent", Level = LogLevel.Information,
        Message = "Call {CallId}: sending {Count} digit(s) to the customer as {Via}")]
    public static partial void DigitsSent(ILogger logger, string callId, int count, string via);

    [LoggerMessage(EventId = 6204, EventName = "InfoRefused", Level = LogLevel.Warning,
        Message = "Call {CallId}: the customer's side answered our DTMF INFO with {StatusCode}; the remaining digits are not sent")]
    public static partial void InfoRefused(ILogger logger, string callId, int statusCode);

    // An audit trail for compliance: when the recording was paused (written as silence) and resumed.
    [LoggerMessage(EventId = 6205, EventName = "RecordingPaused", Level = LogLevel.Information,
        Message = "Call {CallId}: recording {Path} paused: {Paused}, by {AgentId}")]
    public static partial void RecordingPaused(ILogger logger, string callId, string path, bool paused, string agentId);
}

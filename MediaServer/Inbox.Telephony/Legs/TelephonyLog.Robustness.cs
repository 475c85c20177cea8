using Microsoft.Extensions.Logging;

namespace Inbox.Telephony.Legs;

/// <summary>Legs that time out (RTP, session timers): event ids 6300-6309.</summary>
internal static partial class TelephonyLog
{
    [LoggerMessage(EventId = 6300, EventName = "LegTimedOut", Level = LogLevel.Warning,
        Message = "Call {CallId}: leg {LegCallId} timed out ({Reason}); it is ended as its hang-up would be")]
    public static partial void LegTimedOut(ILogger logger, string callId, string legCallId, string reason);

    [LoggerMessage(EventId = 6301, EventName = "SessionIntervalRaised", Level = LogLevel.Information,
        Message = "Leg {LegCallId}: the far end asks for a session interval of at least {Interval} (422); the INVITE is sent again")]
    public static partial void SessionIntervalRaised(ILogger logger, string legCallId, TimeSpan interval);
}

using Microsoft.Extensions.Logging;

namespace Inbox.Telephony.Legs;

internal static partial class TelephonyLog
{
    [LoggerMessage(EventId = 6000, EventName = "CallQueued", Level = LogLevel.Information,
        Message = "Call {CallId} from {Caller} to {Number} queued in campaign {CampaignId} as interaction {InteractionId} ({Codec})")]
    public static partial void CallQueued(ILogger logger, string callId, Inbox.Sip.Messages.SipUri caller, string number, string campaignId, string interactionId, string codec);

    [LoggerMessage(EventId = 6001, EventName = "CallRefused", Level = LogLevel.Information,
        Message = "Call {CallId} to {Number} refused with {StatusCode}: {Reason}")]
    public static partial void CallRefused(ILogger logger, string callId, string? number, int statusCode, string reason);

    [LoggerMessage(EventId = 6002, EventName = "CallEnded", Level = LogLevel.Information, Message = "Call {CallId} ended: {Reason}")]
    public static partial void CallEnded(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 6003, EventName = "InboxFailed", Level = LogLevel.Error, Message = "Call {CallId}: the inbox failed to {Action}")]
    public static partial void InboxFailed(ILogger logger, string callId, string action, Exception exception);

    [LoggerMessage(EventId = 6004, EventName = "HoldMusicUnreadable", Level = LogLevel.Warning,
        Message = "Hold music file {Path} cannot be read; the default tones play instead")]
    public static partial void HoldMusicUnreadable(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 6005, EventName = "SendFailed", Level = LogLevel.Warning, Message = "Call {CallId}: a response could not be sent")]
    public static partial void SendFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(EventId = 6006, EventName = "ExecutorOverloaded", Level = LogLevel.Warning,
        Message = "Call {CallId}: its SIP executor is overloaded; the call is dropped")]
    public static partial void ExecutorOverloaded(ILogger logger, string callId);

    [LoggerMessage(EventId = 6007, EventName = "NoPhone", Level = LogLevel.Warning,
        Message = "Call {CallId}: agent {AgentId} has no registered phone (extensions {Extensions}); the offer is rejected")]
    public static partial void NoPhone(ILogger logger, string callId, string agentId, string extensions);

    [LoggerMessage(EventId = 6008, EventName = "RingingAgent", Level = LogLevel.Information,
        Message = "Call {CallId}: ringing agent {AgentId} on {Phones} phone(s) as call {AgentCallId}")]
    public static partial void RingingAgent(ILogger logger, string callId, string agentId, int phones, string agentCallId);

    [LoggerMessage(EventId = 6009, EventName = "AgentCallFailed", Level = LogLevel.Information,
        Message = "Call {CallId}: the call to agent {AgentId} failed with {StatusCode}: {Reason}")]
    public static partial void AgentCallFailed(ILogger logger, string callId, string agentId, int statusCode, string reason);

    [LoggerMessage(EventId = 6010, EventName = "AgentCallEnded", Level = LogLevel.Information,
        Message = "Call {CallId}: the call to agent {AgentId} ended: {Reason}")]
    public static partial void AgentCallCancelled(ILogger logger, string callId, string agentId, string reason);

    [LoggerMessage(EventId = 6011, EventName = "CallBridged", Level = LogLevel.Information,
        Message = "Call {CallId} bridged to agent {AgentId} ({CallerCodec} ↔ {AgentCodec})")]
    public static partial void CallBridged(ILogger logger, string callId, string agentId, string callerCodec, string agentCodec);

    [LoggerMessage(EventId = 6019, EventName = "CallParked", Level = LogLevel.Information,
        Message = "Call {CallId} parked in slot {Slot} by agent {AgentId}")]
    public static partial void CallParked(ILogger logger, string callId, int slot, string agentId);

    [LoggerMessage(EventId = 6012, EventName = "Reinvited", Level = LogLevel.Information,
        Message = "Call {CallId}: re-INVITE on {DialogCallId} answered; the peer is {Direction}, offer in our 200: {Offerless}")]
    public static partial void Reinvited(ILogger logger, string callId, string dialogCallId, Inbox.Media.Sdp.SdpDirection direction, bool offerless);

    [LoggerMessage(EventId = 6013, EventName = "ReinviteRefused", Level = LogLevel.Information,
        Message = "Call {CallId}: re-INVITE on {DialogCallId} refused with {StatusCode}: {Reason}")]
    public static partial void ReinviteRefused(ILogger logger, string callId, string dialogCallId, int statusCode, string reason);

    [LoggerMessage(EventId = 6014, EventName = "AnswerRefused", Level = LogLevel.Warning,
        Message = "Call {CallId}: the SDP answer in the ACK on {DialogCallId} is unusable ({Reason}); the session stays as it was")]
    public static partial void AnswerRefused(ILogger logger, string callId, string dialogCallId, string reason);

    [LoggerMessage(EventId = 6015, EventName = "PhoneHold", Level = LogLevel.Information,
        Message = "Call {CallId}: agent {AgentId}'s phone on hold: {Held}")]
    public static partial void PhoneHold(ILogger logger, string callId, string agentId, bool held);

    [LoggerMessage(EventId = 6016, EventName = "ShutdownCut", Level = LogLevel.Warning,
        Message = "Shutting down before every hung-up call was answered; {Calls} call(s) still registered")]
    public static partial void ShutdownCut(ILogger logger, int calls);

    [LoggerMessage(EventId = 6017, EventName = "DiallingTrunk", Level = LogLevel.Information,
        Message = "Call {CallId}: dialling {Number} through trunk {TrunkId} as call {TrunkCallId}")]
    public static partial void DiallingTrunk(ILogger logger, string callId, string number, string trunkId, string trunkCallId);

    [LoggerMessage(EventId = 6018, EventName = "TrunkCallFailed", Level = LogLevel.Information,
        Message = "Call {CallId}: the call through trunk {TrunkId} ended with {StatusCode}: {Reason}")]
    public static partial void TrunkCallFailed(ILogger logger, string callId, string trunkId, int statusCode, string reason);

    [LoggerMessage(EventId = 6020, EventName = "CallMovedToCampaign", Level = LogLevel.Information,
        Message = "Call {CallId}: its interaction moved from campaign {CampaignId} to {TargetCampaignId}; the call follows it")]
    public static partial void CallMovedToCampaign(ILogger logger, string callId, string campaignId, string targetCampaignId);
}

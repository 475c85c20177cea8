using Inbox.Interactions.Channels;
using Microsoft.Extensions.Logging;

namespace Inbox.Interactions.Engine;

internal static partial class InboxLog
{
    [LoggerMessage(EventId = 5000, EventName = "InboxResumed", Level = LogLevel.Information,
        Message = "Inbox resumed {OpenInteractions} open interaction(s), {Chats} chat(s) and {QueuedMessages} message(s) to send from storage")]
    public static partial void Resumed(ILogger logger, int openInteractions, int chats, int queuedMessages);

    [LoggerMessage(EventId = 5001, EventName = "ChannelSendFailed", Level = LogLevel.Warning,
        Message = "The {Channel} channel failed to send message {MessageId}")]
    public static partial void ChannelSendFailed(ILogger logger, ChannelKind channel, string messageId, Exception exception);

    [LoggerMessage(EventId = 5002, EventName = "MessageStatusNotStored", Level = LogLevel.Error,
        Message = "The delivery status of message {MessageId} could not be stored")]
    public static partial void StatusNotStored(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 5003, EventName = "DeadlineSweepFailed", Level = LogLevel.Error,
        Message = "Offer, transfer and wrap-up deadlines could not be applied; retrying")]
    public static partial void DeadlineSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5004, EventName = "OfferNoticeFailed", Level = LogLevel.Error,
        Message = "A channel failed to take notice of an offer")]
    public static partial void OfferNoticeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5005, EventName = "MessageSendRetrying", Level = LogLevel.Information,
        Message = "The {Channel} channel could not take message {MessageId} (attempt {Attempts}: {FailureCode}); retrying at {NextAttemptAt:u}")]
    public static partial void SendRetrying(ILogger logger, ChannelKind channel, string messageId, int attempts, string? failureCode, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 5006, EventName = "MessageSendGaveUp", Level = LogLevel.Warning,
        Message = "Message {MessageId} failed for good after {Attempts} attempt(s): {FailureCode} {FailureReason}")]
    public static partial void SendFailed(ILogger logger, string messageId, int attempts, string? failureCode, string? failureReason);

    [LoggerMessage(EventId = 5007, EventName = "OutboxSendsAbandoned", Level = LogLevel.Warning,
        Message = "{Count} send(s) did not end when the server stopped; their messages are sent again after the restart")]
    public static partial void SendsAbandoned(ILogger logger, int count);

    [LoggerMessage(EventId = 5008, EventName = "Overflowed", Level = LogLevel.Information,
        Message = "Interaction {InteractionId} waited {Waited} in campaign {CampaignId} and overflows to campaign {TargetCampaignId}")]
    public static partial void Overflowed(ILogger logger, string interactionId, TimeSpan waited, string campaignId, string targetCampaignId);

    [LoggerMessage(EventId = 5009, EventName = "PresenceSetBySupervisor", Level = LogLevel.Information,
        Message = "Agent {AgentId} was set {Presence} by supervisor {SupervisorId}")]
    public static partial void PresenceSetBySupervisor(ILogger logger, string agentId, Agents.AgentPresence presence, string supervisorId);

    [LoggerMessage(EventId = 5010, EventName = "SignedOutBySupervisor", Level = LogLevel.Information,
        Message = "Agent {AgentId} was signed out by supervisor {SupervisorId}")]
    public static partial void SignedOutBySupervisor(ILogger logger, string agentId, string supervisorId);
}

using Inbox.Interactions.Agents;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Mapping;

/// <summary>
/// Domain enums to their proto twins and back. Spelled out case by case: the proto enums start at UNSPECIFIED and
/// must never follow a reordering of the domain's by accident.
/// </summary>
internal static class EnumMapping
{
    public static V1.ChannelKind ToProto(this ChannelKind kind) => kind switch
    {
        ChannelKind.Telephony => V1.ChannelKind.Telephony,
        ChannelKind.Email => V1.ChannelKind.Email,
        ChannelKind.WhatsApp => V1.ChannelKind.Whatsapp,
        ChannelKind.Sms => V1.ChannelKind.Sms,
        ChannelKind.WebChat => V1.ChannelKind.Webchat,
        ChannelKind.Instagram => V1.ChannelKind.Instagram,
        ChannelKind.Messenger => V1.ChannelKind.Messenger,
        _ => V1.ChannelKind.Unspecified,
    };

    /// <summary>A channel as a filter: UNSPECIFIED means any.</summary>
    public static ChannelKind? ToDomainFilter(this V1.ChannelKind kind, string field) =>
        kind == V1.ChannelKind.Unspecified ? null : kind.ToDomain(field);

    public static ChannelKind ToDomain(this V1.ChannelKind kind, string field) => kind switch
    {
        V1.ChannelKind.Telephony => ChannelKind.Telephony,
        V1.ChannelKind.Email => ChannelKind.Email,
        V1.ChannelKind.Whatsapp => ChannelKind.WhatsApp,
        V1.ChannelKind.Sms => ChannelKind.Sms,
        V1.ChannelKind.Webchat => ChannelKind.WebChat,
        V1.ChannelKind.Instagram => ChannelKind.Instagram,
        V1.ChannelKind.Messenger => ChannelKind.Messenger,
        V1.ChannelKind.Unspecified => throw RequestGuard.Invalid($"{field} is required."),
        _ => throw RequestGuard.Invalid($"{field} ({(int)kind}) is not a known channel."),
    };

    public static V1.AgentRole ToProto(this AgentRole role) => role switch
    {
        AgentRole.Agent => V1.AgentRole.Agent,
        AgentRole.Supervisor => V1.AgentRole.Supervisor,
        AgentRole.Admin => V1.AgentRole.Admin,
        _ => V1.AgentRole.Unspecified,
    };

    public static V1.AgentPresence ToProto(this AgentPresence presence) => presence switch
    {
        AgentPresence.Available => V1.AgentPresence.Available,
        AgentPresence.Unavailable => V1.AgentPresence.Unavailable,
        AgentPresence.Paused => V1.AgentPresence.Paused,
        _ => V1.AgentPresence.Unspecified,
    };

    public static AgentPresence ToDomain(this V1.AgentPresence presence, string field) => presence switch
    {
        V1.AgentPresence.Available => AgentPresence.Available,
        V1.AgentPresence.Unavailable => AgentPresence.Unavailable,
        V1.AgentPresence.Paused => AgentPresence.Paused,
        V1.AgentPresence.Unspecified => throw RequestGuard.Invalid($"{field} is required: AVAILABLE, UNAVAILABLE or PAUSED."),
        _ => throw RequestGuard.Invalid($"{field} ({(int)presence}) is not a known presence."),
    };

    public static V1.AgentActivity ToProto(this AgentActivity activity) => activity switch
    {
        AgentActivity.Offline => V1.AgentActivity.Offline,
        AgentActivity.Idle => V1.AgentActivity.Idle,
        AgentActivity.Offered => V1.AgentActivity.Offered,
        AgentActivity.Busy => V1.AgentActivity.Busy,
        AgentActivity.WrapUp => V1.AgentActivity.WrapUp,
        AgentActivity.NotResponding => V1.AgentActivity.NotResponding,
        AgentActivity.NotReady => V1.AgentActivity.NotReady,
        _ => V1.AgentActivity.Unspecified,
    };

    public static V1.InteractionDirection ToProto(this InteractionDirection direction) => direction switch
    {
        InteractionDirection.Inbound => V1.InteractionDirection.Inbound,
        InteractionDirection.Outbound => V1.InteractionDirection.Outbound,
        _ => V1.InteractionDirection.Unspecified,
    };

    public static V1.InteractionState ToProto(this InteractionState state) => state switch
    {
        InteractionState.Pending => V1.InteractionState.Pending,
        InteractionState.Offered => V1.InteractionState.Offered,
        InteractionState.Active => V1.InteractionState.Active,
        InteractionState.TransferPending => V1.InteractionState.TransferPending,
        InteractionState.Finalized => V1.InteractionState.Finalized,
        InteractionState.Closed => V1.InteractionState.Closed,
        _ => V1.InteractionState.Unspecified,
    };

    /// <summary>A state as a filter: UNSPECIFIED means any.</summary>
    public static InteractionState? ToDomainFilter(this V1.InteractionState state, string field) => state switch
    {
        V1.InteractionState.Unspecified => null,
        V1.InteractionState.Pending => InteractionState.Pending,
        V1.InteractionState.Offered => InteractionState.Offered,
        V1.InteractionState.Active => InteractionState.Active,
        V1.InteractionState.TransferPending => InteractionState.TransferPending,
        V1.InteractionState.Finalized => InteractionState.Finalized,
        V1.InteractionState.Closed => InteractionState.Closed,
        _ => throw RequestGuard.Invalid($"{field} ({(int)state}) is not a known state."),
    };

    public static V1.TransferTargetKind ToProto(this TransferTargetKind kind) => kind switch
    {
        TransferTargetKind.Agent => V1.TransferTargetKind.Agent,
        TransferTargetKind.Campaign => V1.TransferTargetKind.Campaign,
        TransferTargetKind.External => V1.TransferTargetKind.External,
        _ => V1.TransferTargetKind.Unspecified,
    };

    public static TransferTargetKind ToDomain(this V1.TransferTargetKind kind, string field) => kind switch
    {
        V1.TransferTargetKind.Agent => TransferTargetKind.Agent,
        V1.TransferTargetKind.Campaign => TransferTargetKind.Campaign,
        V1.TransferTargetKind.External => throw RequestGuard.Invalid($"{field}: a call goes to a number with CallsService.Transfer (external_number)."),
        V1.TransferTargetKind.Unspecified => throw RequestGuard.Invalid($"{field} is required: AGENT or CAMPAIGN."),
        _ => throw RequestGuard.Invalid($"{field} ({(int)kind}) is not a known transfer target."),
    };

    public static V1.AttachmentKind ToProto(this AttachmentKind kind) => kind switch
    {
        AttachmentKind.Image => V1.AttachmentKind.Image,
        AttachmentKind.Video => V1.AttachmentKind.Video,
        AttachmentKind.Document => V1.AttachmentKind.Document,
        AttachmentKind.Audio => V1.AttachmentKind.Audio,
        _ => V1.AttachmentKind.Unspecified,
    };

    public static V1.MessageDirection ToProto(this MessageDirection direction) => direction switch
    {
        MessageDirection.Inbound => V1.MessageDirection.Inbound,
        MessageDirection.Outbound => V1.MessageDirection.Outbound,
        _ => V1.MessageDirection.Unspecified,
    };

    public static V1.MessageStatus ToProto(this MessageStatus status) => status switch
    {
        MessageStatus.Sending => V1.MessageStatus.Sending,
        MessageStatus.Sent => V1.MessageStatus.Sent,
        MessageStatus.Delivered => V1.MessageStatus.Delivered,
        MessageStatus.Read => V1.MessageStatus.Read,
        MessageStatus.Failed => V1.MessageStatus.Failed,
        MessageStatus.Received => V1.MessageStatus.Received,
        _ => V1.MessageStatus.Unspecified,
    };

    public static V1.ChatKind ToProto(this ChatKind kind) => kind switch
    {
        ChatKind.AgentToAgent => V1.ChatKind.AgentToAgent,
        ChatKind.AgentToCampaign => V1.ChatKind.AgentToCampaign,
        _ => V1.ChatKind.Unspecified,
    };

    public static V1.RoutingStrategy ToProto(this RoutingStrategy strategy) => strategy switch
    {
        RoutingStrategy.LongestIdle => V1.RoutingStrategy.LongestIdle,
        RoutingStrategy.FewestInteractions => V1.RoutingStrategy.FewestInteractions,
        _ => V1.RoutingStrategy.Unspecified,
    };

    public static V1.FormKind ToProto(this FormKind kind) => kind switch
    {
        FormKind.None => V1.FormKind.None,
        FormKind.BuiltInCrm => V1.FormKind.BuiltInCrm,
        FormKind.InternalForm => V1.FormKind.InternalForm,
        FormKind.ExternalUrl => V1.FormKind.ExternalUrl,
        _ => V1.FormKind.Unspecified,
    };

    public static V1.SessionEndReason ToProto(this SessionEndCause cause) => cause switch
    {
        SessionEndCause.SignedOut => V1.SessionEndReason.SignedOut,
        SessionEndCause.SignedInElsewhere => V1.SessionEndReason.SignedInElsewhere,
        SessionEndCause.SignedOutBySupervisor => V1.SessionEndReason.SignedOutBySupervisor,
        _ => V1.SessionEndReason.Unspecified,
    };
}

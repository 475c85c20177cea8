using System.Text.Json.Serialization;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Storage;

/// <summary>
/// The JSON of the <c>data</c> column, which holds each stored record whole: camelCase names, enums as camelCase
/// strings (never numbers, so reordering an enum cannot change stored meaning), nulls left out. Source-generated,
/// so storage needs no reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // Derived properties such as Interaction.IsOpen are not data.
    IgnoreReadOnlyProperties = true,
    Converters =
    [
        typeof(StoredEnumConverter<AttachmentKind>),
        typeof(StoredEnumConverter<CallLegRole>),
        typeof(StoredEnumConverter<ChannelKind>),
        typeof(StoredEnumConverter<ChatKind>),
        typeof(StoredEnumConverter<InteractionDirection>),
        typeof(StoredEnumConverter<InteractionState>),
        typeof(StoredEnumConverter<MessageDirection>),
        typeof(StoredEnumConverter<MessageStatus>),
        typeof(StoredEnumConverter<QualityBand>),
        typeof(StoredEnumConverter<TransferMode>),
        typeof(StoredEnumConverter<TransferTargetKind>),
    ])]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(Chat))]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(EarlyStatusReport))]
internal sealed partial class InboxJsonContext : JsonSerializerContext;

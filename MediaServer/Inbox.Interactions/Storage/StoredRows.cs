using Inbox.Interactions.Chats;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Storage;

/// <summary>
/// The columns of each table, in one place for both engines: what queries filter and sort on, then <c>data</c>,
/// the whole record as JSON. The first column is always the id, the upsert's conflict target.
/// </summary>
internal static class StoredRows
{
    public static readonly StoredTable Interactions = new(
        "interactions", ["id", "channel", "campaign_id", "customer_address", "state", "agent_id", "created_at", "data"]);

    public static readonly StoredTable Messages = new(
        "messages", ["id", "interaction_id", "direction", "provider_message_id", "created_at", "next_attempt_at", "data"]);

    public static readonly StoredTable Chats = new("chats", ["id", "created_at", "data"]);

    public static readonly StoredTable ChatMessages = new("chat_messages", ["id", "chat_id", "agent_id", "created_at", "data"]);

    public static readonly StoredTable EarlyReports = new("early_reports", ["id", "channel", "provider_message_id", "received_at", "data"]);

    public static object?[] Of(Interaction value) =>
    [
        value.Id,
        StoredValue.Name(value.Channel),
        value.CampaignId,
        value.CustomerAddress,
        StoredValue.Name(value.State),
        value.AgentId,
        StoredValue.Time(value.CreatedAt),
        StoredValue.Json(value),
    ];

    public static object?[] Of(Message value) =>
    [
        value.Id,
        value.InteractionId,
        StoredValue.Name(value.Direction),
        value.ProviderMessageId,
        StoredValue.Time(value.CreatedAt),

        // Set while the outbox owes it to its channel, so a restart finds the queue with one indexed read.
        value.IsQueued ? StoredValue.Time(value.NextAttemptAt ?? value.CreatedAt) : null,
        StoredValue.Json(value),
    ];

    public static object?[] Of(Chat value) => [value.Id, StoredValue.Time(value.CreatedAt), StoredValue.Json(value)];

    public static object?[] Of(ChatMessage value) =>
        [value.Id, value.ChatId, value.AgentId, StoredValue.Time(value.CreatedAt), StoredValue.Json(value)];

    public static object?[] Of(EarlyStatusReport value) =>
        [value.Id, StoredValue.Name(value.Channel), value.ProviderMessageId, StoredValue.Time(value.ReceivedAt), StoredValue.Json(value)];
}

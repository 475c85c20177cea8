using System.Text.Json;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Storage;

/// <summary>
/// How both stores turn record values into column values, so their schemas hold the same thing.
/// Times are UTC microseconds since the Unix epoch in a 64-bit integer: PostgreSQL's own timestamp resolution, the
/// same in both engines, and exact enough to order and page; the exact <see cref="DateTimeOffset"/> (ticks and
/// offset) is in the <c>data</c> JSON.
/// </summary>
internal static class StoredValue
{
    /// <summary>
    /// The instant as UTC microseconds since 1970, rounded down: a query for "before t" compares against the rounded
    /// value, so it never returns a record created at t itself (the paging cursor).
    /// </summary>
    public static long Time(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var microseconds = ticks / TimeSpan.TicksPerMicrosecond;
        return ticks % TimeSpan.TicksPerMicrosecond < 0 ? microseconds - 1 : microseconds;
    }

    public static DateTimeOffset Time(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);

    /// <summary>An enum as the column stores it: the same camelCase name as in the JSON.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Json(Interaction value) => JsonSerializer.Serialize(value, InboxJsonContext.Default.Interaction);

    public static string Json(Message value) => JsonSerializer.Serialize(value, InboxJsonContext.Default.Message);

    public static string Json(Chat value) => JsonSerializer.Serialize(value, InboxJsonContext.Default.Chat);

    public static string Json(ChatMessage value) => JsonSerializer.Serialize(value, InboxJsonContext.Default.ChatMessage);

    public static string Json(EarlyStatusReport value) => JsonSerializer.Serialize(value, InboxJsonContext.Default.EarlyStatusReport);

    public static Interaction ReadInteraction(string json) =>
        JsonSerializer.Deserialize(json, InboxJsonContext.Default.Interaction) ?? throw Corrupt("interaction");

    public static Message ReadMessage(string json) =>
        JsonSerializer.Deserialize(json, InboxJsonContext.Default.Message) ?? throw Corrupt("message");

    public static Chat ReadChat(string json) =>
        JsonSerializer.Deserialize(json, InboxJsonContext.Default.Chat) ?? throw Corrupt("chat");

    public static ChatMessage ReadChatMessage(string json) =>
        JsonSerializer.Deserialize(json, InboxJsonContext.Default.ChatMessage) ?? throw Corrupt("chat message");

    public static EarlyStatusReport ReadEarlyReport(string json) =>
        JsonSerializer.Deserialize(json, InboxJsonContext.Default.EarlyStatusReport) ?? throw Corrupt("delivery report");

    private static InvalidDataException Corrupt(string record) => new($"A stored {record} has null data.");
}

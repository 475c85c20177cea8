using System.Text.Json.Nodes;

namespace Inbox.MediaServer.Tests.Plugins.Meta;

/// <summary>
/// Messenger Platform webhook bodies as Meta's webhook event reference shows them, for Messenger (<c>page</c>) and
/// Instagram (<c>instagram</c>): <c>entry[]</c> per account with <c>messaging[]</c> events from
/// <c>sender</c> to <c>recipient</c>, timestamps in milliseconds.
/// </summary>
internal static class MessagingPayloads
{
    public static JsonObject Batch(string webhookObject, string account, DateTimeOffset at, params JsonObject[] events) => new()
    {
        ["object"] = webhookObject,
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = account,
            ["time"] = at.ToUnixTimeMilliseconds(),
            ["messaging"] = new JsonArray(events),
        }),
    };

    public static JsonObject Message(string from, string to, DateTimeOffset at, string mid, string? text, params JsonObject[] attachments)
    {
        var message = new JsonObject { ["mid"] = mid };
        if (text is not null)
        {
            message["text"] = text;
        }

        if (attachments.Length > 0)
        {
            message["attachments"] = new JsonArray(attachments);
        }

        return Event(from, to, at, "message", message);
    }

    /// <summary>The copy of a message the business sent, which Meta echoes to the webhook.</summary>
    public static JsonObject Echo(string account, string customer, DateTimeOffset at, string mid, string text) =>
        Event(account, customer, at, "message", new JsonObject { ["mid"] = mid, ["text"] = text, ["is_echo"] = true, ["app_id"] = 1517776481860111 });

    public static JsonObject Attachment(string type, string url) => new() { ["type"] = type, ["payload"] = new JsonObject { ["url"] = url } };

    public static JsonObject Delivery(string customer, string account, DateTimeOffset at, params string[] mids) =>
        Event(customer, account, at, "delivery", new JsonObject
        {
            ["mids"] = new JsonArray([.. mids.Select(m => (JsonNode)m)]),
            ["watermark"] = at.ToUnixTimeMilliseconds(),
        });

    /// <summary>A delivery without <c>mids</c>, as older Messenger clients report one: only the watermark says what arrived.</summary>
    public static JsonObject DeliveryUpTo(string customer, string account, DateTimeOffset at, DateTimeOffset watermark) =>
        Event(customer, account, at, "delivery", new JsonObject { ["watermark"] = watermark.ToUnixTimeMilliseconds() });

    /// <summary>Messenger's <c>message_reads</c>: every message sent before or at the watermark was read.</summary>
    public static JsonObject ReadUpTo(string customer, string account, DateTimeOffset at, DateTimeOffset watermark) =>
        Event(customer, account, at, "read", new JsonObject { ["watermark"] = watermark.ToUnixTimeMilliseconds() });

    /// <summary>Instagram's <c>messaging_seen</c>: the read names the message.</summary>
    public static JsonObject Seen(string customer, string account, DateTimeOffset at, string mid) =>
        Event(customer, account, at, "read", new JsonObject { ["mid"] = mid });

    private static JsonObject Event(string from, string to, DateTimeOffset at, string kind, JsonObject content) => new()
    {
        ["sender"] = new JsonObject { ["id"] = from },
        ["recipient"] = new JsonObject { ["id"] = to },
        ["timestamp"] = at.ToUnixTimeMilliseconds(),
        [kind] = content,
    };
}

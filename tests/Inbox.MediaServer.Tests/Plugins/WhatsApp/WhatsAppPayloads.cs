using System.Globalization;
using System.Text.Json.Nodes;

namespace Inbox.MediaServer.Tests.Plugins.WhatsApp;

/// <summary>
/// Webhook bodies as the Cloud API's messages webhook reference shows them: a <c>whatsapp_business_account</c>
/// batch whose change (field <c>messages</c>) carries the phone number's metadata, the customer's contact and
/// <c>messages</c>, or the <c>statuses</c> of what the business sent.
/// </summary>
internal static class WhatsAppPayloads
{
    public const string PhoneNumberId = "106540352242922";
    public const string Customer = "5511988887777";

    public static JsonObject Messages(params JsonObject[] messages) => Batch(new JsonObject
    {
        ["messaging_product"] = "whatsapp",
        ["metadata"] = Metadata(),
        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Rui Costa" }, ["wa_id"] = Customer }),
        ["messages"] = new JsonArray(messages),
    });

    public static JsonObject Statuses(params JsonObject[] statuses) => Batch(new JsonObject
    {
        ["messaging_product"] = "whatsapp",
        ["metadata"] = Metadata(),
        ["statuses"] = new JsonArray(statuses),
    });

    public static JsonObject Text(string id, DateTimeOffset at, string body) =>
        Message(id, at, "text", new JsonObject { ["body"] = body });

    /// <summary>An image, audio, video or document: Meta sends its media id, never the bytes.</summary>
    public static JsonObject Message(string id, DateTimeOffset at, string type, JsonObject content) => new()
    {
        ["from"] = Customer,
        ["id"] = id,
        ["timestamp"] = Unix(at),
        ["type"] = type,
        [type] = content,
    };

    public static JsonObject Status(string messageId, string status, DateTimeOffset at, JsonObject? error = null)
    {
        var report = new JsonObject
        {
            ["id"] = messageId,
            ["status"] = status,
            ["timestamp"] = Unix(at),
            ["recipient_id"] = Customer,
        };
        if (error is not null)
        {
            report["errors"] = new JsonArray(error);
        }

        return report;
    }

    private static JsonObject Metadata() => new() { ["display_phone_number"] = "15550783881", ["phone_number_id"] = PhoneNumberId };

    private static JsonObject Batch(JsonObject value) => new()
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = "102290129340398",
            ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = "messages" }),
        }),
    };

    private static string Unix(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}

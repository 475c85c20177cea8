using System.Text.Json;
using Inbox.Contracts.Channels;
using Inbox.Plugins.Meta;

namespace Inbox.Plugins.WhatsApp;

/// <summary>Reads one of a webhook's <c>messages</c>: its text by type, its media, who wrote and what it answers.</summary>
internal static class WhatsAppInbound
{
    private static readonly string[] s_mediaTypes = ["image", "video", "audio", "document", "sticker"];

    /// <summary>A file Meta holds for a message, to be fetched by id.</summary>
    public sealed record Media(string Type, string Id, string? MediaType, string? FileName, bool IsVoice);

    /// <param name="value">The change's value, whose <c>contacts</c> give the customer's profile name.</param>
    public static InboundMessage Read(JsonElement message, string id, string from, JsonElement value, string? campaign)
    {
        var type = message.Text("type") ?? "unknown";
        var replyTo = message.Field("context").Text("id") ?? message.Field("reaction").Text("message_id");
        return new InboundMessage("+" + from, id, TextOf(message, type))
        {
            // wa_id is the number without its +; the inbox keeps numbers in E.164.
            CustomerName = value.Items("contacts").FirstOrDefault(c => c.Text("wa_id") == from).Field("profile").Text("name"),
            CampaignId = campaign,
            InReplyTo = replyTo is null ? [] : [replyTo],
        };
    }

    public static Media? MediaOf(JsonElement message)
    {
        if (message.Text("type") is not { } type || Array.IndexOf(s_mediaTypes, type) < 0)
        {
            return null;
        }

        var media = message.Field(type);
        return media.Text("id") is { } id ? new Media(type, id, media.Text("mime_type"), media.Text("filename"), type == "audio" && media.Flag("voice")) : null;
    }

    /// <summary>An error of a failed status, as the agent reads it: its title and details.</summary>
    public static string Describe(JsonElement error) =>
        (error.Text("title") ?? error.Text("message"), error.Field("error_data").Text("details")) switch
        {
            ({ } title, { } details) when details != title => $"{title}: {details}",
            ({ } title, _) => title,
            (null, { } details) => details,
            _ => "WhatsApp could not deliver the message",
        };

    private static string TextOf(JsonElement message, string type) => type switch
    {
        "text" => message.Field("text").Text("body") ?? string.Empty,
        "image" or "video" or "document" => message.Field(type).Text("caption") ?? string.Empty,
        "audio" or "sticker" => string.Empty,
        "button" => message.Field("button").Text("text") ?? string.Empty,
        "interactive" => message.Field("interactive").Field("button_reply").Text("title")
            ?? message.Field("interactive").Field("list_reply").Text("title") ?? string.Empty,
        "reaction" => $"Reacted {message.Field("reaction").Text("emoji")}",
        "location" => Location(message.Field("location")),
        _ => $"[a WhatsApp {type} message, which the inbox cannot show]",
    };

    private static string Location(JsonElement location)
    {
        var place = string.Join(", ", new[] { location.Text("name"), location.Text("address") }.Where(p => !string.IsNullOrEmpty(p)));
        var point = $"{location.Text("latitude")}, {location.Text("longitude")}";
        return place.Length > 0 ? $"Location: {place} ({point})" : $"Location: {point}";
    }
}

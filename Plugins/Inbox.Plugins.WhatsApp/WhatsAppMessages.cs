using System.Text.Json.Nodes;
using Inbox.Contracts.Channels;

namespace Inbox.Plugins.WhatsApp;

/// <summary>
/// The bodies of Cloud API's <c>POST /{phone-number-id}/messages</c>: an envelope
/// (<c>messaging_product</c>, <c>recipient_type</c>, <c>to</c>, <c>type</c>) and one object named after the type.
/// </summary>
internal static class WhatsAppMessages
{
    public static JsonObject Text(string to, string body) => Envelope(to, "text", new JsonObject { ["body"] = body });

    /// <summary>An approved template by name and language, its body's {{1}}..{{n}} filled in order.</summary>
    public static JsonObject Template(string to, TemplateMessage template)
    {
        var content = new JsonObject { ["name"] = template.Name, ["language"] = new JsonObject { ["code"] = template.Language } };
        if (template.Parameters.Count > 0)
        {
            var parameters = new JsonArray();
            foreach (var value in template.Parameters)
            {
                parameters.Add(new JsonObject { ["type"] = "text", ["text"] = value });
            }

            content["components"] = new JsonArray(new JsonObject { ["type"] = "body", ["parameters"] = parameters });
        }

        return Envelope(to, "template", content);
    }

    /// <summary>A file uploaded already, by its media id; documents keep their name, voice notes are marked as such.</summary>
    public static JsonObject Media(string to, WhatsAppMediaKind kind, string mediaId, OutboundAttachment file, string? caption)
    {
        var content = new JsonObject { ["id"] = mediaId };
        if (caption is not null && kind.TakesCaption)
        {
            content["caption"] = caption;
        }

        if (kind.Type == "document")
        {
            content["filename"] = file.FileName;
        }

        // A voice message must be Ogg Opus (else WhatsApp cannot transcribe it): other audio goes as a plain audio file.
        if (file.IsVoiceNote && kind.Type == "audio" && file.MediaType.StartsWith("audio/ogg", StringComparison.OrdinalIgnoreCase))
        {
            content["voice"] = true;
        }

        return Envelope(to, kind.Type, content);
    }

    private static JsonObject Envelope(string to, string type, JsonObject content) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["recipient_type"] = "individual",
        ["to"] = to,
        ["type"] = type,
        [type] = content,
    };
}

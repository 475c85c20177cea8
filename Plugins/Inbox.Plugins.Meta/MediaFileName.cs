using System.Collections.Frozen;

namespace Inbox.Plugins.Meta;

/// <summary>
/// Names an inbound file: the inbox recognises a file by its extension (then checks the content), and Meta gives a
/// name only for documents, so photos, voice notes and videos are named from their media type.
/// </summary>
internal static class MediaFileName
{
    // The types WhatsApp, Messenger and Instagram deliver (WhatsApp's supported media list).
    private static readonly FrozenDictionary<string, string> s_extensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = "jpg",
        ["image/png"] = "png",
        ["image/gif"] = "gif",
        ["image/webp"] = "webp",
        ["video/mp4"] = "mp4",
        ["video/3gpp"] = "3gp",
        ["video/quicktime"] = "mov",
        ["audio/ogg"] = "ogg",
        ["audio/opus"] = "ogg",
        ["audio/mpeg"] = "mp3",
        ["audio/aac"] = "aac",
        ["audio/mp4"] = "m4a",
        ["audio/amr"] = "amr",
        ["audio/wav"] = "wav",
        ["application/pdf"] = "pdf",
        ["text/plain"] = "txt",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <param name="given">The name the customer's file had, when the provider tells it.</param>
    /// <param name="mediaType">Its MIME type, parameters and all (<c>audio/ogg; codecs=opus</c>).</param>
    /// <param name="stem">A name to use when there is none, e.g. <c>image-1</c>.</param>
    public static string For(string? given, string? mediaType, string stem)
    {
        if (!string.IsNullOrWhiteSpace(given) && Path.HasExtension(given))
        {
            return Path.GetFileName(given);
        }

        var type = mediaType?.Split(';')[0].Trim();
        var name = string.IsNullOrWhiteSpace(given) ? stem : Path.GetFileName(given);
        return type is not null && s_extensions.TryGetValue(type, out var extension) ? $"{name}.{extension}" : name;
    }
}

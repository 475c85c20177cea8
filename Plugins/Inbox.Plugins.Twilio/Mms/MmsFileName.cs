using System.Collections.Frozen;

namespace Inbox.Plugins.Twilio.Mms;

/// <summary>
/// Names an MMS file after its media SID and type (<c>ME….jpg</c>): Twilio gives no file name, and the inbox knows a
/// file by its extension before it checks the content.
/// </summary>
internal static class MmsFileName
{
    // Types whose subtype is not the extension the inbox knows them by; for the rest (png, gif, mp4, pdf…) it is.
    private static readonly FrozenDictionary<string, string> s_extensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = "jpg",
        ["image/jpg"] = "jpg",
        ["video/quicktime"] = "mov",
        ["audio/mpeg"] = "mp3",
        ["audio/mp4"] = "m4a",
        ["audio/x-wav"] = "wav",
        ["text/plain"] = "txt",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <param name="stem">The media SID, or a stand-in when the URL names none.</param>
    /// <param name="mediaType">The MIME type, parameters and all; none leaves the name without an extension.</param>
    public static string For(string stem, string? mediaType)
    {
        var type = mediaType?.Split(';')[0].Trim() ?? string.Empty;
        if (s_extensions.TryGetValue(type, out var known))
        {
            return $"{stem}.{known}";
        }

        // A subtype such as "vcard" or "3gpp" still makes a name the inbox can refuse by its extension, saying why.
        var subtype = type[(type.IndexOf('/', StringComparison.Ordinal) + 1)..];
        return subtype.Length is > 0 and <= 10 && subtype.All(char.IsAsciiLetterOrDigit) ? $"{stem}.{subtype.ToLowerInvariant()}" : stem;
    }
}

namespace Inbox.Plugins.WhatsApp;

/// <summary>How WhatsApp carries a file: the message type its media type allows, and that type's size limit.</summary>
internal sealed record WhatsAppMediaKind(string Type, long MaxBytes, bool TakesCaption)
{
    public const long MaxDocumentBytes = 100 * Megabyte;
    private const long Megabyte = 1024 * 1024;

    private static readonly WhatsAppMediaKind s_image = new("image", 5 * Megabyte, TakesCaption: true);
    private static readonly WhatsAppMediaKind s_video = new("video", 16 * Megabyte, TakesCaption: true);
    private static readonly WhatsAppMediaKind s_audio = new("audio", 16 * Megabyte, TakesCaption: false);
    private static readonly WhatsAppMediaKind s_document = new("document", MaxDocumentBytes, TakesCaption: true);

    /// <summary>
    /// Cloud API's supported media: images JPEG and PNG; video MP4 and 3GPP; audio AAC, AMR, MP3, MPEG-4 audio and
    /// Ogg (Opus). Any other file (a GIF, a WAV, a PDF) still reaches the customer, as a document.
    /// </summary>
    public static WhatsAppMediaKind For(string mediaType) => mediaType.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "image/jpeg" or "image/png" => s_image,
        "video/mp4" or "video/3gpp" => s_video,
        "audio/aac" or "audio/amr" or "audio/mpeg" or "audio/mp4" or "audio/ogg" => s_audio,
        _ => s_document,
    };
}

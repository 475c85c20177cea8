using System.ComponentModel.DataAnnotations;
using Inbox.Interactions.Messages;

namespace Inbox.MediaServer.Interactions;

/// <summary>
/// The largest attachment accepted per kind, in bytes (configuration section <c>Attachments</c>); applies to what
/// agents upload and to what channels deliver. Zero refuses every file of that kind.
/// </summary>
internal sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    private static readonly AttachmentLimits s_defaults = new();

    /// <summary>Images (jpg, jpeg, png, gif, webp, svg). Default 5 MiB.</summary>
    [Range(0, long.MaxValue)]
    public long MaxImageBytes { get; set; } = s_defaults.MaxImageBytes;

    /// <summary>Video (webm, mp4, mov). Default 16 MiB.</summary>
    [Range(0, long.MaxValue)]
    public long MaxVideoBytes { get; set; } = s_defaults.MaxVideoBytes;

    /// <summary>Documents and archives (txt, pdf, rar, zip, doc, docx, xls, csv, xlsx). Default 100 MiB.</summary>
    [Range(0, long.MaxValue)]
    public long MaxDocumentBytes { get; set; } = s_defaults.MaxDocumentBytes;

    /// <summary>Audio and voice notes (mp3, wav, ogg, aac, m4a, flac). Default 16 MiB.</summary>
    [Range(0, long.MaxValue)]
    public long MaxAudioBytes { get; set; } = s_defaults.MaxAudioBytes;

    public AttachmentLimits ToLimits() => new()
    {
        MaxImageBytes = MaxImageBytes,
        MaxVideoBytes = MaxVideoBytes,
        MaxDocumentBytes = MaxDocumentBytes,
        MaxAudioBytes = MaxAudioBytes,
    };
}

using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

using static Inbox.Interactions.Messages.AttachmentKind;

namespace Inbox.Interactions.Messages;

/// <summary>The allowed attachment types (product spec: text-channel attachments), found by extension.</summary>
internal static class AttachmentFormats
{
    /// <summary>In the order the spec lists them, which is also the order of <see cref="AllowedList"/>.</summary>
    public static IReadOnlyList<AttachmentFormat> All { get; } =
    [
        new("jpg", Image, "image/jpeg", "a JPEG image", FileSignatures.IsJpeg),
        new("png", Image, "image/png", "a PNG image", FileSignatures.IsPng),
        new("jpeg", Image, "image/jpeg", "a JPEG image", FileSignatures.IsJpeg),
        new("gif", Image, "image/gif", "a GIF image", FileSignatures.IsGif),
        new("webp", Image, "image/webp", "a WebP image", FileSignatures.IsWebP),
        new("svg", Image, "image/svg+xml", "an SVG image", SvgContent.Check),
        new("webm", Video, "video/webm", "a WebM video", FileSignatures.IsWebM),
        new("mp4", Video, "video/mp4", "an MP4 video", FileSignatures.IsIsoMedia),
        new("mov", Video, "video/quicktime", "a QuickTime video", FileSignatures.IsQuickTime),
        new("txt", Document, "text/plain", "plain text (UTF-8 or UTF-16)", TextContent.Check),
        new("pdf", Document, "application/pdf", "a PDF document", FileSignatures.IsPdf),
        new("rar", Document, "application/vnd.rar", "a RAR archive", FileSignatures.IsRar),
        new("zip", Document, "application/zip", "a ZIP archive", FileSignatures.IsZip),
        new("doc", Document, "application/msword", "a Word document", FileSignatures.IsCompoundFile),
        new("docx", Document, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "a Word document", FileSignatures.IsWordprocessingDocument),
        new("xls", Document, "application/vnd.ms-excel", "an Excel workbook", FileSignatures.IsCompoundFile),
        new("csv", Document, "text/csv", "CSV text (UTF-8 or UTF-16)", TextContent.Check),
        new("xlsx", Document, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "an Excel workbook", FileSignatures.IsSpreadsheetDocument),
        new("mp3", Audio, "audio/mpeg", "MP3 audio", FileSignatures.IsMpegAudio),
        new("wav", Audio, "audio/wav", "WAV audio", FileSignatures.IsWav),
        new("ogg", Audio, "audio/ogg", "Ogg audio", FileSignatures.IsOgg),
        new("aac", Audio, "audio/aac", "AAC audio", FileSignatures.IsAac),
        new("m4a", Audio, "audio/mp4", "MPEG-4 audio", FileSignatures.IsIsoMedia),
        new("flac", Audio, "audio/flac", "FLAC audio", FileSignatures.IsFlac),
    ];

    /// <summary>"jpg, png, jpeg, …", for refusal messages.</summary>
    public static string AllowedList { get; } = string.Join(", ", All.Select(format => format.Extension));

    // The span lookup finds an extension without allocating a string for it.
    private static readonly FrozenDictionary<string, AttachmentFormat>.AlternateLookup<ReadOnlySpan<char>> s_byExtension =
        All.ToFrozenDictionary(format => format.Extension, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Finds the format for an extension without its dot, ignoring case.</summary>
    public static bool TryFind(ReadOnlySpan<char> extension, [NotNullWhen(true)] out AttachmentFormat? format) =>
        s_byExtension.TryGetValue(extension, out format);
}

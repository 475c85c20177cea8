using System.Globalization;

namespace Inbox.Interactions.Messages;

/// <summary>
/// Decides whether a file may be attached to a text-channel message: its name, its extension against the allowed
/// types, its size against <see cref="AttachmentLimits"/>, and its content against the extension, so a renamed
/// executable or a PNG called .pdf is refused. Stateless and thread-safe.
/// </summary>
internal static class AttachmentInspector
{
    private const long KiB = 1024;
    private const long MiB = 1024 * KiB;

    /// <summary>
    /// Inspects one file. An accepted inspection allocates nothing; a refusal allocates only its reason, which
    /// starts with the file name, for example "invoice.pdf: the content is not a PDF document".
    /// </summary>
    /// <param name="fileName">The name as the sender gave it; a path or a name without an extension is refused.</param>
    /// <param name="content">The whole file.</param>
    /// <param name="limits">The size limit for each kind.</param>
    public static AttachmentInspection Inspect(string fileName, ReadOnlySpan<byte> content, AttachmentLimits limits)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);

        var nameProblem = AttachmentFileName.Problem(fileName, out var extension);
        if (nameProblem is not null)
        {
            return AttachmentInspection.Refused(nameProblem);
        }

        if (!AttachmentFormats.TryFind(extension, out var format))
        {
            return AttachmentInspection.Refused(
                $"{fileName}: .{extension} files are not allowed (allowed: {AttachmentFormats.AllowedList})");
        }

        if (content.IsEmpty)
        {
            return AttachmentInspection.Refused($"{fileName}: the file is empty");
        }

        var limit = limits.MaxBytesFor(format.Kind);
        if (content.Length > limit)
        {
            return AttachmentInspection.Refused(TooLarge(fileName, content.Length, limit, format.Kind));
        }

        return format.Check(content) switch
        {
            ContentVerdict.Matches => AttachmentInspection.Accepted(format.Kind, format.MediaType),
            ContentVerdict.ActiveContent => AttachmentInspection.Refused(
                $"{fileName}: {format.Description} with scripts is not allowed"),
            _ => AttachmentInspection.Refused($"{fileName}: the content is not {format.Description}"),
        };
    }

    /// <summary>
    /// "clip.mp4: 20.0 MB exceeds the 16 MB limit for video". The size is rounded up and the limit down, so the
    /// size shown is always larger than the limit shown, even one byte over.
    /// </summary>
    private static string TooLarge(string fileName, long size, long limit, AttachmentKind kind)
    {
        var (unit, unitName) = limit >= MiB ? (MiB, "MB") : limit >= KiB ? (KiB, "KB") : (1L, "bytes");
        var shownSize = Math.Ceiling(size * 10.0 / unit) / 10;
        var shownLimit = Math.Floor(limit * 10.0 / unit) / 10;
        var kindName = kind switch
        {
            AttachmentKind.Image => "images",
            AttachmentKind.Video => "video",
            AttachmentKind.Document => "documents",
            _ => "audio",
        };
        var culture = CultureInfo.InvariantCulture;
        return unit == 1
            ? string.Create(culture, $"{fileName}: {size} bytes exceeds the {limit}-byte limit for {kindName}")
            : string.Create(culture,
                $"{fileName}: {shownSize:0.0} {unitName} exceeds the {shownLimit:0.#} {unitName} limit for {kindName}");
    }
}

namespace Inbox.Interactions.Messages;

/// <summary>
/// The largest attachment accepted for each kind, in bytes. Bound from configuration; immutable and thread-safe.
/// A negative limit is a configuration error and throws; zero refuses every non-empty file of that kind.
/// </summary>
internal sealed record AttachmentLimits
{
    private const long MiB = 1024 * 1024;

    /// <summary>Images (jpg, jpeg, png, gif, webp, svg). Default 5 MiB.</summary>
    public long MaxImageBytes
    {
        get;
        init => field = NotNegative(value);
    } = 5 * MiB;

    /// <summary>Video (webm, mp4, mov). Default 16 MiB.</summary>
    public long MaxVideoBytes
    {
        get;
        init => field = NotNegative(value);
    } = 16 * MiB;

    /// <summary>Documents and archives (txt, pdf, rar, zip, doc, docx, xls, csv, xlsx). Default 100 MiB.</summary>
    public long MaxDocumentBytes
    {
        get;
        init => field = NotNegative(value);
    } = 100 * MiB;

    /// <summary>Audio (mp3, wav, ogg, aac, m4a, flac). Default 16 MiB.</summary>
    public long MaxAudioBytes
    {
        get;
        init => field = NotNegative(value);
    } = 16 * MiB;

    /// <summary>The limit for <paramref name="kind"/>, in bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public long MaxBytesFor(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Image => MaxImageBytes,
        AttachmentKind.Video => MaxVideoBytes,
        AttachmentKind.Document => MaxDocumentBytes,
        AttachmentKind.Audio => MaxAudioBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown attachment kind."),
    };

    private static long NotNegative(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value;
    }
}

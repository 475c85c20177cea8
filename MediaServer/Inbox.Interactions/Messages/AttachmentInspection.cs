using System.Diagnostics.CodeAnalysis;

namespace Inbox.Interactions.Messages;

/// <summary>
/// The outcome of <see cref="AttachmentInspector.Inspect"/>: either accepted with the kind and media type of the
/// content, or refused with a reason a user can read. <see cref="Kind"/> and <see cref="MediaType"/> describe
/// accepted content only; a refusal leaves them at <see cref="AttachmentKind.Image"/> and an empty string.
/// </summary>
internal readonly record struct AttachmentInspection
{
    private AttachmentInspection(bool isAccepted, AttachmentKind kind, string mediaType, string? refusalReason)
    {
        IsAccepted = isAccepted;
        Kind = kind;
        MediaType = mediaType;
        RefusalReason = refusalReason;
    }

    [MemberNotNullWhen(false, nameof(RefusalReason))]
    public bool IsAccepted { get; }

    public AttachmentKind Kind { get; }

    /// <summary>The IANA media type of the content, such as <c>image/png</c>; empty when refused.</summary>
    public string MediaType { get; }

    /// <summary>Why the file was refused, as a sentence that starts with the file name; null when accepted.</summary>
    public string? RefusalReason { get; }

    public static AttachmentInspection Accepted(AttachmentKind kind, string mediaType)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        return new(true, kind, mediaType, null);
    }

    public static AttachmentInspection Refused(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(false, default, "", reason);
    }
}

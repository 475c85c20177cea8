using System.Diagnostics.CodeAnalysis;

namespace Inbox.Media.Sdp;

/// <summary>The result of building an answer or processing one: the media agreed, or why nothing could be.</summary>
internal sealed class SdpNegotiationResult
{
    private SdpNegotiationResult(SdpNegotiatedMedia? media, SdpSessionDescription? answer, string? failureReason)
    {
        Media = media;
        Answer = answer;
        FailureReason = failureReason;
    }

    [MemberNotNullWhen(true, nameof(Media))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool IsSuccess => Media is not null;

    /// <summary>The agreed audio stream, when successful.</summary>
    public SdpNegotiatedMedia? Media { get; }

    /// <summary>Our answer, when we answered an offer successfully; null when we processed an answer.</summary>
    public SdpSessionDescription? Answer { get; }

    /// <summary>Why no audio could be used (SIP answers 488 Not Acceptable Here), when unsuccessful.</summary>
    public string? FailureReason { get; }

    public static SdpNegotiationResult Success(SdpNegotiatedMedia media, SdpSessionDescription? answer) => new(media, answer, null);

    public static SdpNegotiationResult Failure(string reason) => new(null, null, reason);
}

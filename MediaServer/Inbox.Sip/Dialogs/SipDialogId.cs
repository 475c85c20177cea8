using Inbox.Sip.Messages;

namespace Inbox.Sip.Dialogs;

/// <summary>
/// A dialog's identity (RFC 3261 §12): Call-ID, local tag and remote tag, compared case-sensitively. A peer
/// without tags (RFC 2543) has an empty tag.
/// </summary>
internal readonly record struct SipDialogId(string CallId, string LocalTag, string RemoteTag)
{
    /// <summary>The dialog an incoming request belongs to: To tag local, From tag remote (§12.2.2).</summary>
    public static SipDialogId ForIncomingRequest(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.CallId, request.To.Tag ?? string.Empty, request.From.Tag ?? string.Empty);
    }

    /// <summary>The dialog a response to our request belongs to: From tag local, To tag remote (§12.1.2).</summary>
    public static SipDialogId ForIncomingResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new(response.CallId, response.From.Tag ?? string.Empty, response.To.Tag ?? string.Empty);
    }

    public override string ToString() => $"{CallId};local={LocalTag};remote={RemoteTag}";
}

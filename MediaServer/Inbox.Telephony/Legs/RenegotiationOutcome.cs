using Inbox.Media.Sdp;

namespace Inbox.Telephony.Legs;

/// <summary>A renegotiated leg's media and our SDP (null when we only read an answer), or why it was refused.</summary>
internal readonly record struct RenegotiationOutcome(SdpNegotiatedMedia? Media, byte[]? Sdp, string? Failure)
{
    public static RenegotiationOutcome Refuse(string reason) => new(null, null, reason);
}

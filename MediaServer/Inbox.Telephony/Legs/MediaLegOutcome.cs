namespace Inbox.Telephony.Legs;

/// <summary>A media leg for an offer, or the SIP status and reason to refuse the call with.</summary>
internal readonly record struct MediaLegOutcome(MediaLeg? Leg, int StatusCode, string? Reason)
{
    public static MediaLegOutcome Refuse(int statusCode, string reason) => new(null, statusCode, reason);
}

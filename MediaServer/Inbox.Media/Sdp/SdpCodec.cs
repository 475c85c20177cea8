namespace Inbox.Media.Sdp;

/// <summary>A codec the server can negotiate, as it appears in SDP.</summary>
/// <param name="EncodingName">The rtpmap encoding name (compared case-insensitively).</param>
/// <param name="ClockRate">The rtpmap clock rate in Hz.</param>
/// <param name="Channels">The rtpmap channel count (2 for opus, RFC 7587 §7; 1 otherwise).</param>
/// <param name="StaticPayloadType">The RFC 3551 static payload type, or null for a dynamic codec.</param>
/// <param name="DynamicPayloadType">The payload type our offers use for a dynamic codec (96–127).</param>
/// <param name="Fmtp">The format parameters we put in offers and answers, or null for none.</param>
internal sealed record SdpCodec(
    string EncodingName,
    int ClockRate,
    int Channels = 1,
    int? StaticPayloadType = null,
    int DynamicPayloadType = 96,
    string? Fmtp = null)
{
    /// <summary>True for RFC 4733 telephone-event, which rides beside the audio codec rather than replacing it.</summary>
    public bool IsTelephoneEvent => EncodingName.Equals("telephone-event", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a (possibly implied) rtpmap names this codec: same name, clock rate and channels.</summary>
    public bool Matches(SdpRtpMap? rtpMap) =>
        rtpMap is not null
        && rtpMap.EncodingName.Equals(EncodingName, StringComparison.OrdinalIgnoreCase)
        && rtpMap.ClockRate == ClockRate
        && rtpMap.ChannelCount == Channels;

    /// <summary>The rtpmap we write for this codec.</summary>
    public SdpRtpMap ToRtpMap() => new(EncodingName, ClockRate, Channels == 1 ? null : Channels);
}

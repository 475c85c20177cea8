namespace Inbox.Media.Sdp;

/// <summary>One RTP payload type of an <c>m=</c> line with its <c>a=rtpmap</c> and <c>a=fmtp</c>, if any.</summary>
internal sealed class SdpMediaFormat
{
    public SdpMediaFormat(int payloadType, SdpRtpMap? rtpMap = null, string? fmtp = null)
    {
        PayloadType = payloadType;
        RtpMap = rtpMap;
        Fmtp = fmtp;
    }

    /// <summary>The payload type, 0–127.</summary>
    public int PayloadType { get; }

    /// <summary>The <c>a=rtpmap</c> value, or null when absent (static payload types may omit it).</summary>
    public SdpRtpMap? RtpMap { get; set; }

    /// <summary>The <c>a=fmtp</c> parameters after the payload type, or null when absent.</summary>
    public string? Fmtp { get; set; }

    /// <summary>The rtpmap, or for a static payload type without one its RFC 3551 assignment; null when unknown.</summary>
    public SdpRtpMap? EffectiveRtpMap => RtpMap ?? SdpCodecs.GetStaticRtpMap(PayloadType);

    /// <summary>The encoding name for messages: the rtpmap name, else the payload type number.</summary>
    public string DisplayName => EffectiveRtpMap?.EncodingName ?? PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

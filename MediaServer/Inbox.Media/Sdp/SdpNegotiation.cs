using System.Text;

namespace Inbox.Media.Sdp;

/// <summary>Pieces shared by <see cref="SdpAnswerer"/> and <see cref="SdpOfferer"/>.</summary>
internal static class SdpNegotiation
{
    /// <summary>The RTP profile we speak; SRTP (RTP/SAVP) and feedback profiles are refused.</summary>
    public const string Protocol = "RTP/AVP";

    /// <summary>The first format of <paramref name="media"/> that is <paramref name="codec"/>, or null.</summary>
    public static SdpMediaFormat? FindFormat(SdpMedia media, SdpCodec codec)
    {
        foreach (var format in media.Formats)
        {
            if (codec.Matches(format.EffectiveRtpMap))
            {
                return format;
            }
        }

        return null;
    }

    /// <summary>
    /// The telephone-event format to pair with the audio codec: the one at the codec's clock rate (RFC 4733 §2.1),
    /// else the first one offered; null when none is, or when we do not support telephone-event.
    /// </summary>
    public static SdpMediaFormat? FindTelephoneEvent(SdpMedia media, IReadOnlyList<SdpCodec> codecs, SdpCodec audio)
    {
        var supported = false;
        foreach (var codec in codecs)
        {
            supported |= codec.IsTelephoneEvent;
        }

        if (!supported)
        {
            return null;
        }

        SdpMediaFormat? first = null;
        foreach (var format in media.Formats)
        {
            if (format.EffectiveRtpMap is { } map && map.EncodingName.Equals("telephone-event", StringComparison.OrdinalIgnoreCase))
            {
                if (map.ClockRate == audio.ClockRate)
                {
                    return format;
                }

                first ??= format;
            }
        }

        return first;
    }

    /// <summary>The peer's declared direction, with c=0.0.0.0 counted as "do not send to me" (RFC 3264 §8.4).</summary>
    public static SdpDirection RemoteDirection(SdpSessionDescription remote, SdpMedia media)
    {
        var direction = remote.GetDirection(media);
        return remote.GetConnection(media) is { IsUnspecified: true }
            ? SdpDirections.From(direction.CanSend(), false)
            : direction;
    }

    public static SdpNegotiatedMedia Describe(
        SdpSessionDescription remote,
        SdpMedia remoteMedia,
        int index,
        SdpMediaFormat format,
        SdpCodec codec,
        SdpMediaFormat? telephoneEvent,
        SdpDirection local,
        bool rtcpMux)
    {
        var remoteDirection = RemoteDirection(remote, remoteMedia);
        var rtcpPort = rtcpMux ? remoteMedia.Port : remoteMedia.RtcpPort ?? remoteMedia.Port + 1;
        return new SdpNegotiatedMedia(
            index,
            format.PayloadType,
            codec,
            format.Fmtp,
            telephoneEvent?.PayloadType,
            SdpDirections.Answer(remoteDirection, local),
            remoteDirection,
            remote.GetConnection(remoteMedia)!,
            remoteMedia.Port,
            rtcpPort,
            rtcpMux,
            remoteMedia.Ptime,
            AcceptsVoipMetrics(remoteMedia.Attributes) || AcceptsVoipMetrics(remote.Attributes));
    }

    // RFC 3611 §5.1: a=rtcp-xr:<xr-format> *(SP <xr-format>), e.g. "rcvr-rtt=all voip-metrics".
    private static bool AcceptsVoipMetrics(List<SdpAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Name.Equals("rtcp-xr", StringComparison.OrdinalIgnoreCase) && attribute.Value is { } formats
                && formats.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("voip-metrics", StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"no common codec: offered PCMU, G729; supported PCMA, opus".</summary>
    public static string NoCommonCodec(string verb, SdpMedia media, IReadOnlyList<SdpCodec> codecs)
    {
        var sb = new StringBuilder("no common codec: ").Append(verb).Append(' ');
        for (var i = 0; i < media.Formats.Count; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append(media.Formats[i].DisplayName);
        }

        sb.Append("; supported ");
        for (var i = 0; i < codecs.Count; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append(codecs[i].EncodingName);
        }

        return sb.ToString();
    }

    public static SdpSessionDescription CreateSession(SdpLocalMedia local) => new()
    {
        Origin = new SdpOrigin(local.Username, local.SessionId, local.SessionVersion, local.AddressType, local.Address),
        SessionName = local.SessionName,
        Connection = new SdpConnection(local.AddressType, local.Address),
    };
}

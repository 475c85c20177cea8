namespace Inbox.Media.Sdp;

/// <summary>
/// Answers a remote offer (RFC 3264 §6): one answer media description per offered one, in order; the first
/// usable audio stream is accepted and every other stream is rejected with port 0. Thread-safe (stateless).
/// </summary>
internal static class SdpAnswerer
{
    /// <summary>
    /// Builds our answer. The accepted stream lists the codecs in common in our order of preference under the
    /// offerer's payload type numbers, plus telephone-event when offered; the first is the one we send. Fails with a
    /// reason (to send 488) when no audio stream can be used.
    /// </summary>
    public static SdpNegotiationResult CreateAnswer(SdpSessionDescription offer, SdpLocalMedia local)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        string? reason = null;
        var chosen = -1;
        SdpMediaFormat? chosenFormat = null;
        SdpCodec? chosenCodec = null;
        for (var i = 0; i < offer.Media.Count && chosen < 0; i++)
        {
            var media = offer.Media[i];
            if (media.MediaType != "audio" || media.Port == 0)
            {
                continue;
            }

            if (offer.GetConnection(media) is null)
            {
                reason ??= "the audio stream has no c= line";
                continue;
            }

            if (media.Protocol != SdpNegotiation.Protocol)
            {
                reason ??= "unsupported audio transport " + media.Protocol + "; supported " + SdpNegotiation.Protocol;
                continue;
            }

            foreach (var codec in local.Codecs)
            {
                if (!codec.IsTelephoneEvent && SdpNegotiation.FindFormat(media, codec) is { } format)
                {
                    chosen = i;
                    chosenFormat = format;
                    chosenCodec = codec;
                    break;
                }
            }

            reason ??= chosen < 0 ? SdpNegotiation.NoCommonCodec("offered", media, local.Codecs) : null;
        }

        if (chosen < 0)
        {
            return SdpNegotiationResult.Failure(reason ?? "no audio stream offered");
        }

        var offered = offer.Media[chosen];
        var telephoneEvent = SdpNegotiation.FindTelephoneEvent(offered, local.Codecs, chosenCodec!);
        var rtcpMux = offered.RtcpMux && local.RtcpMux;
        var answer = SdpNegotiation.CreateSession(local);
        for (var i = 0; i < offer.Media.Count; i++)
        {
            answer.Media.Add(i == chosen ? CreateAudio(offered, local, telephoneEvent, rtcpMux) : Reject(offer.Media[i]));
        }

        var negotiated = SdpNegotiation.Describe(offer, offered, chosen, chosenFormat!, chosenCodec!, telephoneEvent, local.Direction, rtcpMux);
        answer.Media[chosen].Direction = negotiated.Direction;
        return SdpNegotiationResult.Success(negotiated, answer);
    }

    private static SdpMedia CreateAudio(SdpMedia offered, SdpLocalMedia local, SdpMediaFormat? telephoneEvent, bool rtcpMux)
    {
        var media = new SdpMedia { MediaType = "audio", Port = local.Port, Protocol = SdpNegotiation.Protocol, Ptime = local.Ptime, RtcpMux = rtcpMux };
        foreach (var codec in local.Codecs)
        {
            if (!codec.IsTelephoneEvent && SdpNegotiation.FindFormat(offered, codec) is { } format)
            {
                // RFC 3264 §6.1: the answer uses the offerer's payload type numbers, so dynamic ones are kept.
                media.Formats.Add(new SdpMediaFormat(format.PayloadType, codec.ToRtpMap(), codec.Fmtp));
            }
        }

        if (telephoneEvent is not null)
        {
            var rtpMap = telephoneEvent.EffectiveRtpMap!;
            media.Formats.Add(new SdpMediaFormat(telephoneEvent.PayloadType, rtpMap, telephoneEvent.Fmtp ?? SdpCodecs.TelephoneEvent.Fmtp));
        }

        return media;
    }

    private static SdpMedia Reject(SdpMedia offered)
    {
        // RFC 3264 §6: a rejected stream keeps its media type, protocol and formats, with port 0 and nothing else.
        var media = new SdpMedia { MediaType = offered.MediaType, Port = 0, Protocol = offered.Protocol, RawFormats = offered.RawFormats };
        foreach (var format in offered.Formats)
        {
            media.Formats.Add(new SdpMediaFormat(format.PayloadType));
        }

        return media;
    }
}

namespace Inbox.Media.Sdp;

/// <summary>Builds our offers and processes the answers to them (RFC 3264 §5 and §7). Thread-safe (stateless).</summary>
internal static class SdpOfferer
{
    /// <summary>
    /// An offer with one audio stream: our codecs in preference order (static ones under their RFC 3551 number,
    /// dynamic ones under their preferred number or the next free one from 96), <c>a=ptime</c>, <c>a=rtcp-mux</c>
    /// when enabled, and our direction.
    /// </summary>
    public static SdpSessionDescription CreateOffer(SdpLocalMedia local)
    {
        ArgumentNullException.ThrowIfNull(local);
        var media = new SdpMedia { MediaType = "audio", Port = local.Port, Protocol = SdpNegotiation.Protocol, Ptime = local.Ptime, RtcpMux = local.RtcpMux, Direction = local.Direction };
        foreach (var codec in local.Codecs)
        {
            var payloadType = codec.StaticPayloadType ?? codec.DynamicPayloadType;
            if (media.FindFormat(payloadType) is not null)
            {
                payloadType = 96;
                while (media.FindFormat(payloadType) is not null && payloadType < 127)
                {
                    payloadType++;
                }
            }

            media.Formats.Add(new SdpMediaFormat(payloadType, codec.ToRtpMap(), codec.Fmtp));
        }

        var session = SdpNegotiation.CreateSession(local);
        session.Media.Add(media);
        return session;
    }

    /// <summary>
    /// Reads the answer to <paramref name="offer"/>: picks the first answered codec that we offered, the
    /// telephone-event type, and the directions (an answer of sendonly, inactive or c=0.0.0.0 is the peer holding
    /// us). Fails when the answer does not match the offer or rejects the audio.
    /// </summary>
    public static SdpNegotiationResult ProcessAnswer(SdpSessionDescription offer, SdpSessionDescription answer, SdpLocalMedia local)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(local);
        if (answer.Media.Count != offer.Media.Count)
        {
            // RFC 3264 §6: the answer has exactly as many media descriptions as the offer.
            return SdpNegotiationResult.Failure($"the answer has {answer.Media.Count} m= lines, the offer had {offer.Media.Count}");
        }

        var index = offer.Media.FindIndex(m => m.MediaType == "audio" && m.Port != 0);
        if (index < 0)
        {
            return SdpNegotiationResult.Failure("the offer had no audio stream");
        }

        var offered = offer.Media[index];
        var answered = answer.Media[index];
        if (answered.Port == 0)
        {
            return SdpNegotiationResult.Failure("the peer rejected the audio stream (port 0)");
        }

        if (answer.GetConnection(answered) is null)
        {
            return SdpNegotiationResult.Failure("the answered audio stream has no c= line");
        }

        foreach (var format in answered.Formats)
        {
            // The answer uses our payload type numbers (RFC 3264 §6.1), so a format must be one we offered.
            var ours = offered.FindFormat(format.PayloadType);
            foreach (var codec in local.Codecs)
            {
                if (!codec.IsTelephoneEvent && ours is not null && codec.Matches(ours.EffectiveRtpMap))
                {
                    var telephoneEvent = SdpNegotiation.FindTelephoneEvent(answered, local.Codecs, codec);
                    if (telephoneEvent is not null && offered.FindFormat(telephoneEvent.PayloadType) is null)
                    {
                        telephoneEvent = null;
                    }

                    var rtcpMux = offered.RtcpMux && answered.RtcpMux;
                    var negotiated = SdpNegotiation.Describe(answer, answered, index, format, codec, telephoneEvent, local.Direction, rtcpMux);
                    return SdpNegotiationResult.Success(negotiated, null);
                }
            }
        }

        return SdpNegotiationResult.Failure(SdpNegotiation.NoCommonCodec("answered", answered, local.Codecs));
    }
}

using System.Net;
using Inbox.Media.Sdp;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A new offer or answer on an established leg (RFC 3264 §8): same ports and the codec already in use, so the media
/// engine keeps running as it is; our o= version goes up only when our SDP changes. Thread-safe (stateless).
/// </summary>
internal static class SessionRenegotiation
{
    /// <summary>Our answer to the peer's new <paramref name="offer"/>, or why we cannot accept it (488).</summary>
    public static RenegotiationOutcome Answer(LegSession session, ReadOnlySpan<byte> offer)
    {
        if (!SdpParser.TryParse(offer, out var remote, out var error))
        {
            return RenegotiationOutcome.Refuse("malformed SDP: " + error);
        }

        var (ours, local) = Ours(session);
        var result = SdpAnswerer.CreateAnswer(remote, local);
        if (!result.IsSuccess)
        {
            return RenegotiationOutcome.Refuse(result.FailureReason!);
        }

        if (Check(session, result.Media!) is { } refusal)
        {
            return RenegotiationOutcome.Refuse(refusal);
        }

        var sdp = SdpWriter.WriteUtf8(result.Answer!);
        if (!sdp.AsSpan().SequenceEqual(session.LocalSdp))
        {
            // RFC 3264 §8: a changed description keeps the o= line but for a version one higher.
            result.Answer!.Origin = ours.Origin with { SessionVersion = ours.Origin.SessionVersion + 1 };
            sdp = SdpWriter.WriteUtf8(result.Answer);
        }

        return new RenegotiationOutcome(result.Media, sdp, null);
    }

    /// <summary>Reads the peer's answer to our current SDP offered again (in our 2xx, or in our re-INVITE).</summary>
    public static RenegotiationOutcome ReadAnswer(LegSession session, ReadOnlySpan<byte> answer)
    {
        if (!SdpParser.TryParse(answer, out var remote, out var error))
        {
            return RenegotiationOutcome.Refuse(answer.IsEmpty ? "no SDP answer" : "malformed SDP: " + error);
        }

        var (ours, local) = Ours(session);
        var result = SdpOfferer.ProcessAnswer(ours, remote, local);
        if (!result.IsSuccess)
        {
            return RenegotiationOutcome.Refuse(result.FailureReason!);
        }

        return Check(session, result.Media!) is { } refusal ? RenegotiationOutcome.Refuse(refusal) : new RenegotiationOutcome(result.Media, null, null);
    }

    // Our last SDP, and the local media that describes it again: its address, port and o= line, the codec in use first.
    private static (SdpSessionDescription Ours, SdpLocalMedia Local) Ours(LegSession session)
    {
        if (!SdpParser.TryParse(session.LocalSdp, out var ours, out var error))
        {
            throw new InvalidOperationException("Our own SDP does not parse: " + error);
        }

        var current = session.Media.Media.Codec;
        var codecs = new List<SdpCodec>(MediaLegFactory.Codecs.Count) { current };
        codecs.AddRange(MediaLegFactory.Codecs.Where(c => c != current));
        return (ours, new SdpLocalMedia
        {
            Address = ours.Origin.Address,
            AddressType = ours.Origin.AddressType,
            Port = session.Media.Session.LocalEndPoint.Port,
            SessionId = ours.Origin.SessionId,
            SessionVersion = ours.Origin.SessionVersion,
            Codecs = codecs,
        });
    }

    // The encoder and the relay or transcoder were built for one codec and payload type: a change needs a new leg.
    private static string? Check(LegSession session, SdpNegotiatedMedia negotiated)
    {
        var current = session.Media.Media;
        if (!MediaLegFactory.SameCodec(current, negotiated))
        {
            return $"the call uses {current.Codec.EncodingName}/{current.Codec.ClockRate} as payload type {current.PayloadType}; changing it is not supported";
        }

        return negotiated.RemoteAddress.IsUnspecified || IPAddress.TryParse(negotiated.RemoteAddress.Address, out _)
            ? null
            : "the c= address is not an IP address";
    }
}

using System.Globalization;
using System.Net;
using Inbox.Media.Bridging;
using Inbox.Media.Clock;
using Inbox.Media.Codecs;
using Inbox.Media.Players;
using Inbox.Media.Sdp;
using Inbox.Media.Sessions;
using Inbox.Media.Transport;
using Inbox.Telephony.Conference;
using Inbox.Telephony.Routing;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Answers a caller's SDP offer (RFC 3264) with the media engine: picks the codec, binds the leg's ports and starts its
/// receive path (the shared receive engine when there is one, else the session's own loop). Thread-safe.
/// </summary>
internal sealed class MediaLegFactory(
    RtpPortAllocator ports, RtpReceivePath receivePath, MediaClock clock, AudioCodecFactory codecs, TimeProvider timeProvider,
    IOptions<TelephonyOptions> options)
{
    private readonly IPAddress _address = IPAddress.Parse(options.Value.MediaAddress);
    private readonly string _sdpAddress = options.Value.MediaAddress;

    /// <summary>Codecs we can both negotiate and encode, in our order of preference.</summary>
    public static IReadOnlyList<SdpCodec> Codecs { get; } = [SdpCodecs.Pcmu, SdpCodecs.Pcma, SdpCodecs.G722, SdpCodecs.Opus, SdpCodecs.TelephoneEvent];

    /// <summary>Builds the leg for <paramref name="offer"/>, playing the source <paramref name="createSource"/> makes at the codec's rate.</summary>
    public MediaLegOutcome Create(ReadOnlySpan<byte> offer, Func<int, IAudioFrameSource> createSource)
    {
        ArgumentNullException.ThrowIfNull(createSource);
        if (offer.IsEmpty)
        {
            // Offerless INVITE (offer in our 200, answer in the ACK, RFC 3261 §13.2.1) is not supported yet.
            return MediaLegOutcome.Refuse(488, "an SDP offer is required in the INVITE");
        }

        if (!SdpParser.TryParse(offer, out var remote, out var error))
        {
            return MediaLegOutcome.Refuse(488, "malformed SDP: " + error);
        }

        var sessionId = ((ulong)Random.Shared.NextInt64(1, long.MaxValue)).ToString(CultureInfo.InvariantCulture);

        // Negotiate before binding anything, so a refused call costs no port.
        var trial = SdpAnswerer.CreateAnswer(remote, Local(port: 9, sessionId));
        if (!trial.IsSuccess)
        {
            return MediaLegOutcome.Refuse(488, trial.FailureReason);
        }

        if (!IPAddress.TryParse(trial.Media.RemoteAddress.Address, out var remoteAddress))
        {
            return MediaLegOutcome.Refuse(488, "the c= address is not an IP address");
        }

        if (!ports.TryAllocate(_address, withRtcp: !trial.Media.RtcpMux, out var sockets))
        {
            return MediaLegOutcome.Refuse(503, "no free RTP port");
        }

        var result = SdpAnswerer.CreateAnswer(remote, Local(sockets!.Port, sessionId));
        return Build(sockets, result.Media!, SdpWriter.WriteUtf8(result.Answer!), createSource);
    }

    /// <summary>An offer to an agent's phone (RFC 3264 §5) on fresh ports; null when no port is free.</summary>
    public MediaOffer? CreateOffer()
    {
        // RTCP gets its own port too: the phone may decline rtcp-mux (RFC 5761 §5.1.1).
        if (!ports.TryAllocate(_address, withRtcp: true, out var sockets))
        {
            return null;
        }

        var local = Local(sockets!.Port, ((ulong)Random.Shared.NextInt64(1, long.MaxValue)).ToString(CultureInfo.InvariantCulture));
        return new MediaOffer(sockets, local, SdpOfferer.CreateOffer(local));
    }

    /// <summary>
    /// The leg for the peer's <paramref name="answer"/> to <paramref name="offer"/>, silent until bridged; its hold
    /// music is what <paramref name="createHoldMusic"/> makes (silence when null, as for an agent's phone).
    /// </summary>
    public MediaLegOutcome Complete(MediaOffer offer, ReadOnlySpan<byte> answer, Func<int, IAudioFrameSource>? createHoldMusic = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (!SdpParser.TryParse(answer, out var remote, out var error))
        {
            return MediaLegOutcome.Refuse(488, answer.IsEmpty ? "no SDP answer in the 200" : "malformed SDP: " + error);
        }

        var result = SdpOfferer.ProcessAnswer(offer.Description, remote, offer.Local);
        if (!result.IsSuccess)
        {
            return MediaLegOutcome.Refuse(488, result.FailureReason);
        }

        if (!IPAddress.TryParse(result.Media.RemoteAddress.Address, out _))
        {
            return MediaLegOutcome.Refuse(488, "the c= address is not an IP address");
        }

        return offer.Take() is { } sockets
            ? Build(sockets, result.Media, offer.Sdp, createHoldMusic ?? (_ => SilenceSource.Instance))
            : MediaLegOutcome.Refuse(500, "the offer was already used");
    }

    /// <summary>
    /// Connects a customer's and an agent's answered legs: the RTP relay when they share a codec (no decoding, stream
    /// continuity through each target's mapper), else a transcoding bridge per direction on the media clock. The
    /// bridge starts connected; the hold music stops.
    /// </summary>
    public CallBridge Bridge(MediaLeg customer, MediaLeg agent)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(agent);
        var bridge = SameCodec(customer.Media, agent.Media)
            ? new CallBridge(customer, agent, new RtpRelay(agent.Session), new RtpRelay(customer.Session))
            : new CallBridge(customer, agent, Decode(customer, agent), Decode(agent, customer));
        bridge.Connect(muted: false);
        return bridge;
    }

    /// <summary>
    /// The conversation between <paramref name="customer"/> and <paramref name="agent"/> for <paramref name="listener"/>
    /// to hear: a decoder of each leg at the listener's rate, fed as the leg's session listener, which stays whatever
    /// the bridge between them does. <see cref="StopListening"/> undoes it.
    /// </summary>
    public ConversationMix Listen(MediaLeg customer, MediaLeg agent, MediaLeg listener)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(listener);
        var mix = new ConversationMix(Decoder(customer, listener.OutputRate), Decoder(agent, listener.OutputRate));
        customer.Session.SetListener(mix.Customer);
        agent.Session.SetListener(mix.Agent);
        return mix;
    }

    /// <summary>The legs stop feeding <paramref name="mix"/>; the caller frees it once nothing plays it.</summary>
    public static void StopListening(MediaLeg customer, MediaLeg agent, ConversationMix mix)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(mix);
        if (ReferenceEquals(customer.Session.Listener, mix.Customer))
        {
            customer.Session.SetListener(null);
        }

        if (ReferenceEquals(agent.Session.Listener, mix.Agent))
        {
            agent.Session.SetListener(null);
        }
    }

    /// <summary>A new, empty conference mix on the media clock.</summary>
    public ConferenceMix CreateMix() => new(clock, codecs, timeProvider);

    // source's audio, decoded at the rate target's encoder takes; target owns and plays it.
    private DecodedLegInput Decode(MediaLeg source, MediaLeg target)
    {
        var input = Decoder(source, target.OutputRate);
        target.PlayFrom(input);
        return input;
    }

    private DecodedLegInput Decoder(MediaLeg source, int rate) =>
        new(codecs.Create(source.Media.Codec.EncodingName), (byte)source.Media.PayloadType, rate, timeProvider);

    /// <summary>True when both sides send the same codec under the same payload type.</summary>
    public static bool SameCodec(SdpNegotiatedMedia a, SdpNegotiatedMedia b) =>
        string.Equals(a.Codec.EncodingName, b.Codec.EncodingName, StringComparison.OrdinalIgnoreCase)
        && a.Codec.ClockRate == b.Codec.ClockRate
        && a.PayloadType == b.PayloadType;

    private MediaLegOutcome Build(RtpSocketPair sockets, SdpNegotiatedMedia media, byte[] localSdp, Func<int, IAudioFrameSource> createSource)
    {
        var remoteAddress = IPAddress.Parse(media.RemoteAddress.Address);
        var session = new RtpSession(sockets, new IPEndPoint(remoteAddress, media.RemotePort), SdpClockRate(media), timeProvider);
        IAudioCodec? codec = null;
        try
        {
            codec = codecs.Create(media.Codec.EncodingName);
            var output = new EncodedLegOutput(session, codec, (byte)media.PayloadType, codec.SampleRate);
            var feed = new PlayerFeed(createSource(codec.SampleRate), output);
            CancellationTokenSource? loop = null;
            if (receivePath.Engine is { } engine)
            {
                session.Attach(engine);
            }
            else
            {
                loop = new CancellationTokenSource();
                _ = session.RunAsync(loop.Token);
            }

            return new MediaLegOutcome(new MediaLeg(clock, session, output, feed, media, localSdp, loop), 200, null);
        }
        catch
        {
            // Whatever failed, the ports go back.
            session.Dispose();
            codec?.Dispose();
            throw;
        }
    }

    // The RTP clock of the negotiated codec (48 kHz for Opus, 8 kHz for G.722 per RFC 3551 §4.5.2).
    private static int SdpClockRate(SdpNegotiatedMedia media) => media.Codec.ClockRate;

    private SdpLocalMedia Local(int port, string sessionId) => new()
    {
        Address = _sdpAddress,
        AddressType = _address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? SdpAddressType.IP6 : SdpAddressType.IP4,
        Port = port,
        SessionId = sessionId,
        Codecs = MediaLegFactory.Codecs,
    };
}

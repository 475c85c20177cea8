namespace Inbox.Media.Codecs;

/// <summary>
/// One direction pair (encoder and decoder) of an audio codec for one RTP stream: 16-bit mono PCM frames of 20 ms
/// in, RTP payload bytes out, and back. Every method writes into caller memory and allocates nothing in steady state
/// (except the managed Opus fallback, see <see cref="AudioCodecFactory"/>).
/// </summary>
/// <remarks>
/// Codecs are stateful (G.722's ADPCM predictors, Opus' overlap and PLC history, the concealment history), so create
/// one instance per stream with <see cref="AudioCodecFactory"/>. Instances are not thread-safe: a stream's frames are
/// encoded and decoded on one media-clock thread at a time.
/// </remarks>
internal interface IAudioCodec : IDisposable
{
    /// <summary>The SDP encoding name (RFC 3551 §6, RFC 7587): <c>PCMU</c>, <c>PCMA</c>, <c>G722</c> or <c>opus</c>.</summary>
    string Name { get; }

    /// <summary>PCM sample rate in Hz (8000, 16000 or 48000).</summary>
    int SampleRate { get; }

    /// <summary>RTP timestamp clock in Hz; 8000 for G.722 although it samples at 16 kHz (RFC 3551 §4.5.2).</summary>
    int RtpClockRate { get; }

    /// <summary>Audio channels; always 1 (mono).</summary>
    int Channels { get; }

    /// <summary>Samples in one 20 ms frame: 160, 320 or 960.</summary>
    int FrameSamples { get; }

    /// <summary>The largest payload, in bytes, that <see cref="Encode"/> writes for one frame.</summary>
    int MaxPayloadBytes { get; }

    /// <summary>Encodes PCM samples into <paramref name="payload"/>.</summary>
    /// <returns>Payload bytes written.</returns>
    /// <exception cref="ArgumentException"><paramref name="payload"/> is too small or the frame length is invalid.</exception>
    int Encode(ReadOnlySpan<short> pcm, Span<byte> payload);

    /// <summary>Decodes one RTP payload into <paramref name="pcm"/>.</summary>
    /// <returns>Samples written, or -1 when the payload is malformed (the caller should then call <see cref="Conceal"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="pcm"/> is too small for the decoded samples.</exception>
    int Decode(ReadOnlySpan<byte> payload, Span<short> pcm);

    /// <summary>Fills one frame (<see cref="FrameSamples"/>) for a lost packet: packet-loss concealment.</summary>
    /// <remarks>
    /// Opus runs its own PLC. G.711 and G.722 have none in the codec, so they repeat the last good frame with a
    /// linear fade to silence over three frames (60 ms) and give silence after that.
    /// </remarks>
    /// <returns>Samples written (<see cref="FrameSamples"/>).</returns>
    int Conceal(Span<short> pcm);

    /// <summary>
    /// Rebuilds the lost frame that came just before <paramref name="nextPayload"/>: Opus decodes the in-band FEC
    /// (LBRR) copy carried in the next packet; codecs without FEC fall back to <see cref="Conceal"/>.
    /// </summary>
    /// <returns>Samples written (<see cref="FrameSamples"/>), or -1 when the payload is malformed.</returns>
    int Recover(ReadOnlySpan<byte> nextPayload, Span<short> pcm);
}

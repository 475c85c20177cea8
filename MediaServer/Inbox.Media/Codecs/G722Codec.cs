using NAudio.Codecs;
using NAudioG722 = NAudio.Codecs.G722Codec;

namespace Inbox.Media.Codecs;

/// <summary>
/// G.722 at 64 kbit/s (mode 1): 16 kHz PCM, 320 samples per 20 ms frame, 160 payload bytes (one byte per two
/// samples), RTP clock 8000 (RFC 3551 §4.5.2). The sub-band ADPCM comes from NAudio.Core, with one
/// <see cref="G722CodecState"/> per direction. NAudio's API takes arrays, so each instance copies through two scratch
/// arrays allocated once (one frame each) and processes longer inputs in frame-sized chunks: 0 B per call.
/// Per stream, not thread-safe. Concealment repeats the last frame with a fade (<see cref="FadeConcealer"/>); the
/// decoder's predictors keep their state across the gap.
/// </summary>
internal sealed class G722Codec : IAudioCodec
{
    private const int Frame = 320;
    private const int Bitrate = 64000;

    private readonly NAudioG722 _codec = new();
    private readonly G722CodecState _encoderState = new(Bitrate, G722Flags.None);
    private readonly G722CodecState _decoderState = new(Bitrate, G722Flags.None);
    private readonly short[] _pcmScratch = new short[Frame];
    private readonly byte[] _payloadScratch = new byte[Frame / 2];
    private readonly FadeConcealer _concealer = new(Frame);

    public string Name => "G722";

    public int SampleRate => 16000;

    public int RtpClockRate => 8000;

    public int Channels => 1;

    public int FrameSamples => Frame;

    public int MaxPayloadBytes => Frame / 2;

    /// <inheritdoc/>
    /// <remarks>Takes an even number of samples (two per byte); 320 for 20 ms.</remarks>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        if ((pcm.Length & 1) != 0)
        {
            throw new ArgumentException("G.722 encodes sample pairs: the length must be even.", nameof(pcm));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(payload.Length, pcm.Length / 2, nameof(payload));
        var written = 0;
        while (!pcm.IsEmpty)
        {
            var chunk = Math.Min(pcm.Length, Frame);
            pcm[..chunk].CopyTo(_pcmScratch);
            var bytes = _codec.Encode(_encoderState, _payloadScratch, _pcmScratch, chunk);
            _payloadScratch.AsSpan(0, bytes).CopyTo(payload[written..]);
            written += bytes;
            pcm = pcm[chunk..];
        }

        return written;
    }

    /// <inheritdoc/>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pcm.Length, payload.Length * 2, nameof(pcm));
        var written = 0;
        while (!payload.IsEmpty)
        {
            var chunk = Math.Min(payload.Length, Frame / 2);
            payload[..chunk].CopyTo(_payloadScratch);
            var samples = _codec.Decode(_decoderState, _pcmScratch, _payloadScratch, chunk);
            _pcmScratch.AsSpan(0, samples).CopyTo(pcm[written..]);
            written += samples;
            payload = payload[chunk..];
        }

        _concealer.Remember(pcm[..written]);
        return written;
    }

    /// <inheritdoc/>
    public int Conceal(Span<short> pcm) => _concealer.Conceal(pcm);

    /// <inheritdoc/>
    public int Recover(ReadOnlySpan<byte> nextPayload, Span<short> pcm) => _concealer.Conceal(pcm);

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }
}

using NAudio.Codecs;

namespace Inbox.Media.Codecs;

/// <summary>
/// G.711 µ-law (PCMU) or A-law (PCMA) at 8 kHz, one byte per sample, 160 samples per 20 ms frame. Encoding is a
/// table lookup (<see cref="G711Tables"/>), decoding is NAudio.Core's span decoder: the faster of each in
/// G711CodecBenchmarks (table encode 137 ns vs NAudio per sample 292 ns; NAudio decode 121 ns vs our table 176 ns).
/// The codec itself is stateless; the instance holds only the concealment history, so it is per stream and not
/// thread-safe. Concealment repeats the last frame with a fade (<see cref="FadeConcealer"/>).
/// </summary>
internal sealed class G711Codec : IAudioCodec
{
    private const int Frame = 160;

    private readonly byte[] _encode;
    private readonly bool _aLaw;
    private readonly FadeConcealer _concealer = new(Frame);

    private G711Codec(string name, byte[] encode, bool aLaw)
    {
        Name = name;
        _encode = encode;
        _aLaw = aLaw;
    }

    public string Name { get; }

    public int SampleRate => 8000;

    public int RtpClockRate => 8000;

    public int Channels => 1;

    public int FrameSamples => Frame;

    public int MaxPayloadBytes => Frame;

    /// <summary>Creates a µ-law (PCMU, RTP payload type 0) codec.</summary>
    public static G711Codec CreateMuLaw() => new("PCMU", G711Tables.MuLawEncode, aLaw: false);

    /// <summary>Creates an A-law (PCMA, RTP payload type 8) codec.</summary>
    public static G711Codec CreateALaw() => new("PCMA", G711Tables.ALawEncode, aLaw: true);

    /// <inheritdoc/>
    /// <remarks>Any number of samples; one byte each.</remarks>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(payload.Length, pcm.Length, nameof(payload));
        var table = _encode;
        var output = payload[..pcm.Length];
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = table[(ushort)pcm[i]];
        }

        return pcm.Length;
    }

    /// <inheritdoc/>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pcm.Length, payload.Length, nameof(pcm));
        var output = pcm[..payload.Length];
        if (_aLaw)
        {
            ALawDecoder.Decode(payload, output);
        }
        else
        {
            MuLawDecoder.Decode(payload, output);
        }

        _concealer.Remember(output);
        return payload.Length;
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

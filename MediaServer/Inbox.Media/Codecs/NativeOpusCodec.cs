namespace Inbox.Media.Codecs;

/// <summary>
/// Opus through native libopus (<see cref="OpusNative"/>), profile <see cref="OpusSettings"/>: 0 B per call.
/// Owns one native encoder and one decoder; per stream, not thread-safe; dispose to free the native state.
/// </summary>
internal sealed unsafe class NativeOpusCodec : IAudioCodec
{
    private nint _encoder;
    private nint _decoder;

    public NativeOpusCodec()
    {
        _encoder = OpusNative.EncoderCreate(OpusSettings.SampleRate, 1, OpusNative.ApplicationVoip, out var error);
        ThrowIfFailed(error, "opus_encoder_create");
        _decoder = OpusNative.DecoderCreate(OpusSettings.SampleRate, 1, out error);
        ThrowIfFailed(error, "opus_decoder_create");
        ThrowIfFailed(OpusNative.EncoderCtl(_encoder, OpusNative.SetBitrateRequest, OpusSettings.Bitrate), "bitrate");
        ThrowIfFailed(OpusNative.EncoderCtl(_encoder, OpusNative.SetSignalRequest, OpusNative.SignalVoice), "signal");
        ThrowIfFailed(OpusNative.EncoderCtl(_encoder, OpusNative.SetInbandFecRequest, 1), "inband FEC");
        ThrowIfFailed(
            OpusNative.EncoderCtl(_encoder, OpusNative.SetPacketLossPercentRequest, OpusSettings.PacketLossPercent),
            "packet loss");
    }

    ~NativeOpusCodec() => Free();

    public string Name => "opus";

    public int SampleRate => OpusSettings.SampleRate;

    public int RtpClockRate => OpusSettings.SampleRate;

    public int Channels => 1;

    public int FrameSamples => OpusSettings.FrameSamples;

    public int MaxPayloadBytes => OpusSettings.MaxPayloadBytes;

    /// <inheritdoc/>
    /// <remarks>The length must be a valid Opus frame at 48 kHz (120 to 2880 samples); 960 for 20 ms.</remarks>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        ObjectDisposedException.ThrowIf(_encoder == 0, this);
        int result;
        fixed (short* input = pcm)
        fixed (byte* output = payload)
        {
            result = OpusNative.Encode(_encoder, input, pcm.Length, output, payload.Length);
        }

        return result >= 0 ? result : throw new ArgumentException($"opus_encode failed with error {result}.", nameof(pcm));
    }

    /// <inheritdoc/>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm) => Run(payload, pcm, fec: false);

    /// <inheritdoc/>
    /// <remarks>Opus PLC: the decoder extrapolates from its history when given no packet.</remarks>
    public int Conceal(Span<short> pcm) => Run([], pcm[..FrameSamples], fec: false);

    /// <inheritdoc/>
    public int Recover(ReadOnlySpan<byte> nextPayload, Span<short> pcm) => Run(nextPayload, pcm[..FrameSamples], fec: true);

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private int Run(ReadOnlySpan<byte> payload, Span<short> pcm, bool fec)
    {
        ObjectDisposedException.ThrowIf(_decoder == 0, this);
        int result;
        fixed (byte* input = payload)
        fixed (short* output = pcm)
        {
            // A null data pointer asks libopus for PLC (opus.h, opus_decode).
            result = OpusNative.Decode(_decoder, payload.IsEmpty ? null : input, payload.Length, output, pcm.Length, fec ? 1 : 0);
        }

        if (result >= 0)
        {
            return result;
        }

        return result == OpusNative.InvalidPacket
            ? -1
            : throw new ArgumentException($"opus_decode failed with error {result}.", nameof(pcm));
    }

    private void Free()
    {
        if (_encoder != 0)
        {
            OpusNative.EncoderDestroy(_encoder);
            _encoder = 0;
        }

        if (_decoder != 0)
        {
            OpusNative.DecoderDestroy(_decoder);
            _decoder = 0;
        }
    }

    private static void ThrowIfFailed(int error, string what)
    {
        if (error < 0)
        {
            throw new InvalidOperationException($"libopus {what} failed with error {error}.");
        }
    }
}

using Concentus;
using Concentus.Enums;

namespace Inbox.Media.Codecs;

/// <summary>
/// Opus through Concentus 2.2.2's managed port, profile <see cref="OpusSettings"/>: the fallback where native libopus
/// is missing. It costs 1.4–1.9× native CPU and allocates on every call (the port turns C stack scratch into arrays;
/// docs/benchmarks.md), so it can never be allocation-free. Per stream, not thread-safe.
/// </summary>
internal sealed class ManagedOpusCodec : IAudioCodec
{
    private readonly IOpusEncoder _encoder;
    private readonly IOpusDecoder _decoder;

    public ManagedOpusCodec()
    {
        // Concentus would otherwise probe for native libopus itself (and clean up ./libopus.so in the working
        // directory); Inbox only comes here once OpusLibrary has found no native library, so the probe is skipped.
        OpusCodecFactory.AttemptToUseNativeLibrary = false;
        _encoder = OpusCodecFactory.CreateEncoder(OpusSettings.SampleRate, 1, OpusApplication.OPUS_APPLICATION_VOIP, null);
        _encoder.Bitrate = OpusSettings.Bitrate;
        _encoder.SignalType = OpusSignal.OPUS_SIGNAL_VOICE;
        _encoder.UseInbandFEC = true;
        _encoder.PacketLossPercent = OpusSettings.PacketLossPercent;
        _decoder = OpusCodecFactory.CreateDecoder(OpusSettings.SampleRate, 1, null);
    }

    public string Name => "opus";

    public int SampleRate => OpusSettings.SampleRate;

    public int RtpClockRate => OpusSettings.SampleRate;

    public int Channels => 1;

    public int FrameSamples => OpusSettings.FrameSamples;

    public int MaxPayloadBytes => OpusSettings.MaxPayloadBytes;

    /// <inheritdoc/>
    /// <remarks>The length must be a valid Opus frame at 48 kHz (120 to 2880 samples); 960 for 20 ms.</remarks>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload) =>
        _encoder.Encode(pcm, pcm.Length, payload, payload.Length);

    /// <inheritdoc/>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm) => Run(payload, pcm, fec: false);

    /// <inheritdoc/>
    /// <remarks>Opus PLC: the decoder extrapolates from its history when given an empty packet.</remarks>
    public int Conceal(Span<short> pcm) => Run([], pcm[..FrameSamples], fec: false);

    /// <inheritdoc/>
    public int Recover(ReadOnlySpan<byte> nextPayload, Span<short> pcm) => Run(nextPayload, pcm[..FrameSamples], fec: true);

    public void Dispose() => (_encoder as IDisposable)?.Dispose();

    private int Run(ReadOnlySpan<byte> payload, Span<short> pcm, bool fec)
    {
        try
        {
            return _decoder.Decode(payload, pcm, pcm.Length, fec);
        }
        catch (OpusException)
        {
            // A corrupt packet from the network: report it, the caller conceals.
            return -1;
        }
    }
}

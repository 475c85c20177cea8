using BenchmarkDotNet.Attributes;
using Inbox.Media.Codecs;

namespace Inbox.Benchmarks.Codecs;

/// <summary>
/// A PSTN leg to a WebRTC/Opus leg, one 20 ms frame: decode 160 µ-law bytes, resample 8 → 48 kHz (polyphase FIR,
/// 288 taps), encode 960 samples to Opus. Also the resampler alone in both directions. Expected 0 B with native Opus.
/// </summary>
[MemoryDiagnoser]
public class TranscodeCodecBenchmarks
{
    private readonly byte[] _g711 = new byte[160];
    private readonly short[] _pcm8 = new short[160];
    private readonly short[] _pcm48 = new short[960];
    private readonly byte[] _opus = new byte[OpusSettings.MaxPayloadBytes];
    private G711Codec _pcmu = null!;
    private readonly AudioResampler _up = new(8000, 48000);
    private readonly AudioResampler _down = new(48000, 8000);
    private IAudioCodec _opusCodec = null!;

    [Params("Managed", "Native")]
    public string Implementation { get; set; } = "Managed";

    [GlobalSetup]
    public void Setup()
    {
        if (Implementation == "Native" && !OpusLibrary.IsAvailable)
        {
            throw new InvalidOperationException("Native libopus is not installed (apt-get install libopus0).");
        }

        _pcmu = G711Codec.CreateMuLaw();
        _opusCodec = Implementation == "Native" ? new NativeOpusCodec() : new ManagedOpusCodec();
        for (var i = 0; i < _pcm8.Length; i++)
        {
            _pcm8[i] = (short)(10000 * Math.Sin(2 * Math.PI * 1000 * i / 8000));
        }

        _pcmu.Encode(_pcm8, _g711);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _opusCodec.Dispose();
        _pcmu.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int G711ToOpus()
    {
        _pcmu.Decode(_g711, _pcm8);
        _up.Process(_pcm8, _pcm48);
        return _opusCodec.Encode(_pcm48, _opus);
    }

    [Benchmark]
    public int Resample8To48() => _up.Process(_pcm8, _pcm48);

    [Benchmark]
    public int Resample48To8() => _down.Process(_pcm48, _pcm8);
}

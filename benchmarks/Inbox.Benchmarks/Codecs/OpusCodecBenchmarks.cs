using BenchmarkDotNet.Attributes;
using Inbox.Media.Codecs;

namespace Inbox.Benchmarks.Codecs;

/// <summary>
/// Opus, one 20 ms frame (960 samples at 48 kHz), 24 kbit/s VOIP with FEC. Managed Concentus always; native libopus
/// only where it is installed (the Native case reports NA otherwise). Expected 0 B native; managed allocates.
/// </summary>
[MemoryDiagnoser]
public class OpusCodecBenchmarks
{
    private readonly short[] _pcm = new short[960];
    private readonly byte[] _payload = new byte[OpusSettings.MaxPayloadBytes];
    private readonly short[] _decoded = new short[960];
    private IAudioCodec _codec = null!;
    private int _payloadLength;

    [Params("Managed", "Native")]
    public string Implementation { get; set; } = "Managed";

    [GlobalSetup]
    public void Setup()
    {
        if (Implementation == "Native" && !OpusLibrary.IsAvailable)
        {
            throw new InvalidOperationException("Native libopus is not installed (apt-get install libopus0).");
        }

        _codec = Implementation == "Native" ? new NativeOpusCodec() : new ManagedOpusCodec();
        for (var i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)(10000 * Math.Sin(2 * Math.PI * 1000 * i / 48000));
        }

        for (var i = 0; i < 10; i++)
        {
            _payloadLength = _codec.Encode(_pcm, _payload);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _codec.Dispose();

    [Benchmark(Baseline = true)]
    public int Encode() => _codec.Encode(_pcm, _payload);

    [Benchmark]
    public int Decode() => _codec.Decode(_payload.AsSpan(0, _payloadLength), _decoded);
}

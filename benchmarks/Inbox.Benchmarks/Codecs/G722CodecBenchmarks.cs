using BenchmarkDotNet.Attributes;
using Inbox.Media.Codecs;

namespace Inbox.Benchmarks.Codecs;

/// <summary>G.722 at 64 kbit/s, one 20 ms frame (320 samples at 16 kHz, 160 bytes). Expected 0 B.</summary>
[MemoryDiagnoser]
public class G722CodecBenchmarks : IDisposable
{
    private readonly short[] _pcm = new short[320];
    private readonly byte[] _payload = new byte[160];
    private readonly short[] _decoded = new short[320];
    private readonly G722Codec _codec = new();

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)(10000 * Math.Sin(2 * Math.PI * 1000 * i / 16000));
        }

        _codec.Encode(_pcm, _payload);
    }

    public void Dispose()
    {
        _codec.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public int Encode() => _codec.Encode(_pcm, _payload);

    [Benchmark]
    public int Decode() => _codec.Decode(_payload, _decoded);
}

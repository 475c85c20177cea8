using BenchmarkDotNet.Attributes;
using Inbox.Media.Codecs;
using NAudio.Codecs;

namespace Inbox.Benchmarks.Codecs;

/// <summary>
/// G.711 µ-law, one 20 ms frame (160 samples at 8 kHz). The table encoder is compared with NAudio.Core's
/// per-sample encoder and span decoder, which it replaced. Expected 0 B.
/// </summary>
[MemoryDiagnoser]
public class G711CodecBenchmarks
{
    private readonly short[] _pcm = new short[160];
    private readonly byte[] _payload = new byte[160];
    private readonly short[] _decoded = new short[160];
    private G711Codec _codec = null!;

    [GlobalSetup]
    public void Setup()
    {
        _codec = G711Codec.CreateMuLaw();
        for (var i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)(10000 * Math.Sin(2 * Math.PI * 1000 * i / 8000));
        }

        _codec.Encode(_pcm, _payload);
    }

    [GlobalCleanup]
    public void Cleanup() => _codec.Dispose();

    [Benchmark(Baseline = true)]
    public int Encode() => _codec.Encode(_pcm, _payload);

    [Benchmark]
    public int Decode() => _codec.Decode(_payload, _decoded);

    [Benchmark]
    public int EncodeNAudioPerSample()
    {
        for (var i = 0; i < _pcm.Length; i++)
        {
            _payload[i] = MuLawEncoder.LinearToMuLawSample(_pcm[i]);
        }

        return _pcm.Length;
    }

    [Benchmark]
    public int DecodeNAudioSpan()
    {
        MuLawDecoder.Decode(_payload, _decoded);
        return _payload.Length;
    }
}

using BenchmarkDotNet.Attributes;
using Inbox.Media.Jitter;
using Inbox.Media.Rtp;

namespace Inbox.Benchmarks.Jitter;

/// <summary>
/// The per-frame work of a decoded leg's jitter buffer: one Put (receive thread) and one Take (media clock) of a
/// 160-byte G.711 frame (20 ms at 8 kHz), in order, at steady depth. Target: 0 B.
/// </summary>
[MemoryDiagnoser]
public class JitterBufferBenchmarks
{
    private const int PayloadLength = 160; // 20 ms of G.711 at 8 kHz

    private readonly byte[] _payload = new byte[PayloadLength];
    private readonly byte[] _output = new byte[1500];
    private JitterBuffer _buffer = null!;
    private ushort _sequence;
    private uint _timestamp;
    private TimeSpan _arrival;

    [GlobalSetup]
    public void Setup()
    {
        _payload.AsSpan().Fill(0xD5); // PCMA silence
        _buffer = new JitterBuffer(new JitterBufferOptions());
        for (var i = 0; i < 10; i++)
        {
            PutAndTake();
        }
    }

    [Benchmark(Baseline = true)]
    public int PutAndTake()
    {
        _sequence++;
        _timestamp += PayloadLength;
        _arrival += TimeSpan.FromMilliseconds(20);
        var header = new RtpHeader(8, false, _sequence, _timestamp, 0x1234_5678);
        _buffer.Put(header, _payload, _arrival);
        _buffer.Take(_output, out var written);
        return written;
    }
}

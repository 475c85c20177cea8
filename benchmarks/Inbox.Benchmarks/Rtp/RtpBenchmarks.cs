using BenchmarkDotNet.Attributes;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;

namespace Inbox.Benchmarks.Rtp;

/// <summary>
/// The per-packet work of the same-codec relay: parse the RTP header of a 172-byte G.711 packet (12-byte header,
/// 160 bytes = 20 ms at 8 kHz), rewrite SSRC, sequence number and timestamp in place, and update receive statistics.
/// Target: parse + rewrite at most 100 ns and 0 B.
/// </summary>
[MemoryDiagnoser]
public class RtpBenchmarks
{
    private const int PayloadLength = 160; // 20 ms of G.711 at 8 kHz

    private readonly byte[] _packet = new byte[RtpHeader.FixedLength + PayloadLength];
    private RtpReceiveStatistics _statistics = null!;
    private RtpStreamMapper _mapper = null!;
    private ushort _sequence;
    private uint _timestamp;
    private TimeSpan _arrival;

    [GlobalSetup]
    public void Setup()
    {
        new RtpHeader(0, false, 1, 160, 0x1234_5678).TryWrite(_packet, out _);
        _packet.AsSpan(RtpHeader.FixedLength).Fill(0xD5); // PCMA silence
        _statistics = new RtpReceiveStatistics(8000);
        _mapper = new RtpStreamMapper(0xCAFE_BABE, 8000, TimeProvider.System);
    }

    /// <summary>Everything RtpSession and RtpRelay do per packet except the two socket calls.</summary>
    [Benchmark]
    public bool RelayPacket()
    {
        _sequence++;
        _timestamp += PayloadLength;
        _arrival += TimeSpan.FromMilliseconds(20);
        RtpHeaderRewriter.TryRewrite(_packet, 0x1234_5678, _sequence, _timestamp);
        if (!RtpHeader.TryParse(_packet, out var header) || _statistics.Update(header, _arrival) == RtpSequenceStatus.BadSequence)
        {
            return false;
        }

        _mapper.Map(_packet, header);
        return true;
    }

    [Benchmark(Baseline = true)]
    public bool ParseAndRewrite()
    {
        _sequence++;
        _timestamp += PayloadLength;
        return RtpHeader.TryParse(_packet, out var header)
            && RtpHeaderRewriter.TryRewrite(_packet, header.Ssrc ^ 0xFFFF, _sequence, _timestamp);
    }

    [Benchmark]
    public bool Parse() => RtpHeader.TryParse(_packet, out var header) && header.PayloadLength == PayloadLength;

    [Benchmark]
    public bool Rewrite()
    {
        _sequence++;
        _timestamp += PayloadLength;
        return RtpHeaderRewriter.TryRewrite(_packet, 0xCAFE_BABE, _sequence, _timestamp);
    }

    [Benchmark]
    public bool UpdateStatistics()
    {
        _sequence++;
        _timestamp += PayloadLength;
        _arrival += TimeSpan.FromMilliseconds(20);
        return _statistics.Update(_sequence, _timestamp, _arrival) == RtpSequenceStatus.InOrder;
    }
}

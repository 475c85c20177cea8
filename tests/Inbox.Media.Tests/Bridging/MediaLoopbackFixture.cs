using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Inbox.Media.Clock;
using Inbox.Media.Codecs;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;
using Inbox.Media.Tests.Transport;
using Inbox.Media.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Media.Tests.Bridging;

/// <summary>Real legs on loopback, a running media clock, and plain UDP sockets as the phones.</summary>
internal sealed class MediaLoopbackFixture : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly RtpPortAllocator _allocator = new(RtpPortAllocatorTests.FreeRange(8));
    private readonly List<RtpSession> _legs = [];
    private readonly List<Socket> _phones = [];
    private readonly List<Task> _loops = [];

    public MediaLoopbackFixture()
    {
        Clock = new MediaClock(Options.Create(new MediaClockOptions { WorkerCount = 1 }), TimeProvider.System, NullLogger<MediaClock>.Instance);
        Codecs = new AudioCodecFactory(NullLogger<AudioCodecFactory>.Instance);
    }

    public MediaClock Clock { get; }

    public AudioCodecFactory Codecs { get; }

    public Socket Phone()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _phones.Add(socket);
        return socket;
    }

    public RtpSession Leg(Socket phone, int clockRate = 8000)
    {
        Assert.True(_allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var sockets));
        var leg = new RtpSession(sockets!, (IPEndPoint)phone.LocalEndPoint!, clockRate, TimeProvider.System);
        _legs.Add(leg);
        _loops.Add(leg.RunAsync(_stop.Token));
        return leg;
    }

    /// <summary>Sends <paramref name="pcm"/> as 20 ms packets of <paramref name="codec"/>, paced in real time.</summary>
    public async Task SendAsync(Socket phone, RtpSession leg, IAudioCodec codec, byte payloadType, short[] pcm)
    {
        var packet = new byte[RtpHeader.FixedLength + codec.MaxPayloadBytes];
        var frames = pcm.Length / codec.FrameSamples;
        for (var i = 0; i < frames; i++)
        {
            var length = codec.Encode(pcm.AsSpan(i * codec.FrameSamples, codec.FrameSamples), packet.AsSpan(RtpHeader.FixedLength));
            new RtpHeader(payloadType, i == 0, (ushort)i, (uint)(i * codec.RtpClockRate / 50), 0x5EED).TryWrite(packet, out _);
            await phone.SendToAsync(packet.AsMemory(0, RtpHeader.FixedLength + length), leg.LocalEndPoint, _stop.Token);
            await Task.Delay(20, _stop.Token);
        }
    }

    /// <summary>Receives <paramref name="count"/> RTP packets and decodes their payloads with <paramref name="codec"/>.</summary>
    public async Task<(List<RtpHeader> Headers, short[] Pcm)> ReceiveAsync(Socket phone, IAudioCodec codec, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[2048];
        var headers = new List<RtpHeader>();
        var pcm = new List<short>();
        var frame = new short[codec.FrameSamples];
        while (headers.Count < count)
        {
            var length = await phone.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            Assert.True(RtpHeader.TryParse(buffer.AsSpan(0, length), out var header));
            headers.Add(header);
            var samples = codec.Decode(header.GetPayload(buffer.AsSpan(0, length)), frame);
            pcm.AddRange(frame.AsSpan(0, samples).ToArray());
        }

        return (headers, [.. pcm]);
    }

    public async ValueTask DisposeAsync()
    {
        await Clock.DisposeAsync();
        await _stop.CancelAsync();
        _legs.ForEach(l => l.Dispose());
        await Task.WhenAll(_loops);
        _phones.ForEach(p => p.Dispose());
        _stop.Dispose();
    }

    /// <summary>The share of a signal's energy at one frequency (Goertzel), from 0 to about 1.</summary>
    public static double ToneShare(ReadOnlySpan<short> pcm, double frequency, int sampleRate)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0, beforePrevious = 0, total = 0;
        foreach (var sample in pcm)
        {
            var current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
            total += (double)sample * sample;
        }

        var power = (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
        return total == 0 ? 0 : 2 * power / (pcm.Length * total);
    }

    public static ushort ReadSequence(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
}

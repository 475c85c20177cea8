using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;
using Inbox.Media.Tests.Transport;
using Inbox.Media.Transport;

namespace Inbox.Media.Tests.Sessions;

/// <summary>Two legs bridged by the relay over real UDP sockets on loopback, with plain sockets as the phones.</summary>
public sealed class RtpRelayLoopbackTests : IAsyncLifetime
{
    private const int PayloadLength = 160;

    private readonly CancellationTokenSource _stop = new();
    private readonly RtpPortAllocator _allocator = new(RtpPortAllocatorTests.FreeRange(8));
    private readonly Socket _phoneA = Phone();
    private readonly Socket _phoneB = Phone();
    private readonly List<Task> _loops = [];
    private RtpSession? _legA;
    private RtpSession? _legB;

    public ValueTask InitializeAsync()
    {
        _legA = Open((IPEndPoint)_phoneA.LocalEndPoint!);
        _legB = Open((IPEndPoint)_phoneB.LocalEndPoint!);
        _legA.SetHandler(new RtpRelay(_legB));
        _legB.SetHandler(new RtpRelay(_legA));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _legA?.Dispose();
        _legB?.Dispose();
        await Task.WhenAll(_loops);
        _phoneA.Dispose();
        _phoneB.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task Relay_SameCodecStream_EveryPacketInOrderWithTheLegsOwnSsrc()
    {
        await SendAsync(_phoneA, _legA!, ssrc: 0x11111111, firstSequence: 1000, count: 200);

        var received = await ReceiveAsync(_phoneB, 200);

        Assert.All(received, p => Assert.Equal(_legB!.Output.Ssrc, p.Ssrc));
        Assert.Equal(Enumerable.Range(1000, 200).Select(s => (ushort)s), received.Select(p => p.SequenceNumber));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (byte)i), received.Select(p => p.FirstPayloadByte));
        Assert.Equal(200, _legA!.Counters.Received);
        Assert.Equal(0, _legA.Statistics.CumulativeLost);

        // A send is counted after the datagram leaves, which may follow the phone's receive of it.
        await LoopbackPhone.WaitUntilAsync(() => _legB!.Counters.Sent == 200);
        Assert.Equal(200, _legB!.Counters.Sent);
    }

    [Fact]
    public async Task Relay_SourceChangesMidCall_FarEndSeesOneContinuousStream()
    {
        await SendAsync(_phoneA, _legA!, ssrc: 0x11111111, firstSequence: 1000, count: 20);
        var before = await ReceiveAsync(_phoneB, 20);

        await SendAsync(_phoneA, _legA!, ssrc: 0x22222222, firstSequence: 60000, count: 20, firstTimestamp: 7);
        var after = await ReceiveAsync(_phoneB, 20);

        Assert.Equal(before[^1].SequenceNumber + 1, after[0].SequenceNumber);
        Assert.True(after[0].Timestamp > before[^1].Timestamp);
        Assert.True(after[0].Marker);
        Assert.Equal(_legB!.Output.Ssrc, after[0].Ssrc);
    }

    [Fact]
    public async Task Receive_PacketsFromAnotherAddressAfterLatching_DroppedAndCounted()
    {
        using var intruder = Phone();
        await SendAsync(_phoneA, _legA!, ssrc: 1, firstSequence: 1, count: 1);
        await ReceiveAsync(_phoneB, 1);

        await SendAsync(intruder, _legA!, ssrc: 2, firstSequence: 1, count: 5);
        await SendAsync(_phoneA, _legA!, ssrc: 1, firstSequence: 2, count: 1);
        var next = await ReceiveAsync(_phoneB, 1);

        Assert.Equal(2, next[0].SequenceNumber);
        Assert.Equal(5, _legA!.Counters.UnexpectedSource);
        Assert.Equal(2, _legA.Counters.Received);
    }

    [Fact]
    public async Task Receive_NotRtp_DroppedCountedAndTheLoopGoesOn()
    {
        await _phoneA.SendToAsync("garbage"u8.ToArray(), _legA!.LocalEndPoint, _stop.Token);
        var wrongVersion = Packet(ssrc: 1, sequence: 1, timestamp: 0, marker: 0);
        wrongVersion[0] = 0x40;
        await _phoneA.SendToAsync(wrongVersion, _legA.LocalEndPoint, _stop.Token);

        await SendAsync(_phoneA, _legA, ssrc: 1, firstSequence: 5, count: 1);
        var relayed = await ReceiveAsync(_phoneB, 1);

        Assert.Equal(5, relayed[0].SequenceNumber);
        Assert.Equal(2, _legA.Counters.Malformed);
    }

    [Fact]
    public async Task Send_LegWithoutSdpAddress_AnswersWhereItsPacketsComeFrom()
    {
        var silentLeg = Open(remote: null);
        using var natPhone = Phone();
        silentLeg.SetHandler(new RtpRelay(_legB!));
        _legB!.SetHandler(new RtpRelay(silentLeg));

        await SendAsync(natPhone, silentLeg, ssrc: 9, firstSequence: 1, count: 1);
        await ReceiveAsync(_phoneB, 1);
        await SendAsync(_phoneB, _legB, ssrc: 10, firstSequence: 100, count: 3);
        var back = await ReceiveAsync(natPhone, 3);

        Assert.Equal(silentLeg.Output.Ssrc, back[0].Ssrc);
        Assert.Equal((IPEndPoint)natPhone.LocalEndPoint!, silentLeg.RemoteEndPoint);
        silentLeg.Dispose();
    }

    private RtpSession Open(IPEndPoint? remote)
    {
        Assert.True(_allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var sockets));
        var session = new RtpSession(sockets!, remote, clockRate: 8000, TimeProvider.System);
        _loops.Add(session.RunAsync(_stop.Token));
        return session;
    }

    private static Socket Phone()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private async Task SendAsync(Socket phone, RtpSession leg, uint ssrc, int firstSequence, int count, uint firstTimestamp = 0)
    {
        for (var i = 0; i < count; i++)
        {
            var packet = Packet(ssrc, (ushort)(firstSequence + i), firstTimestamp + (uint)(i * PayloadLength), marker: (byte)i);
            await phone.SendToAsync(packet, leg.LocalEndPoint, _stop.Token);
        }
    }

    private static byte[] Packet(uint ssrc, ushort sequence, uint timestamp, byte marker)
    {
        var packet = new byte[RtpHeader.FixedLength + PayloadLength];
        packet[0] = 0x80;
        packet[1] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        packet[RtpHeader.FixedLength] = marker;
        return packet;
    }

    private async Task<List<Received>> ReceiveAsync(Socket phone, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[2048];
        var packets = new List<Received>(count);
        while (packets.Count < count)
        {
            var length = await phone.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            Assert.True(RtpHeader.TryParse(buffer.AsSpan(0, length), out var header));
            packets.Add(new Received(header.Ssrc, header.SequenceNumber, header.Timestamp, header.Marker, buffer[header.PayloadOffset]));
        }

        return packets;
    }

    private readonly record struct Received(uint Ssrc, ushort SequenceNumber, uint Timestamp, bool Marker, byte FirstPayloadByte);
}

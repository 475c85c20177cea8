using System.Net;
using System.Net.Sockets;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;
using Inbox.Media.Tests.Sessions;
using Inbox.Media.Transport;
using Inbox.Media.Transport.Ring;

namespace Inbox.Media.Tests.Transport.Ring;

/// <summary>The relay's loopback scenarios with the legs received and sent through the io_uring engine.</summary>
public sealed class RtpRingEngineLoopbackTests : IAsyncLifetime
{
    private const string NoRing = "io_uring with multishot recvmsg is not available here";

    private readonly RtpPortAllocator _allocator = new(RtpPortAllocatorTests.FreeRange(12));
    private readonly LoopbackPhone _phoneA = new();
    private readonly LoopbackPhone _phoneB = new();
    private readonly List<RtpSession> _sessions = [];
    private RtpRingEngine? _engine;
    private RtpSession? _legA;
    private RtpSession? _legB;

    public ValueTask InitializeAsync()
    {
        if (!RtpRingEngine.IsSupported)
        {
            return ValueTask.CompletedTask;
        }

        _engine = new RtpRingEngine(workerCount: 2);
        _legA = Open(_phoneA.EndPoint);
        _legB = Open(_phoneB.EndPoint);
        _legA.SetHandler(new RtpRelay(_legB));
        _legB.SetHandler(new RtpRelay(_legA));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _sessions.ForEach(s => s.Dispose());
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        _phoneA.Dispose();
        _phoneB.Dispose();
    }

    [Fact]
    public async Task Relay_SameCodecStream_EveryPacketInOrderWithTheLegsOwnSsrc()
    {
        Assert.SkipUnless(RtpRingEngine.IsSupported, NoRing);

        await _phoneA.SendRtpAsync(_legA!.LocalEndPoint, ssrc: 0x11111111, firstSequence: 1000, count: 200);
        var received = await ReceiveRtpAsync(_phoneB, 200);

        Assert.All(received, h => Assert.Equal(_legB!.Output.Ssrc, h.Ssrc));
        Assert.Equal(Enumerable.Range(1000, 200).Select(s => (ushort)s), received.Select(h => h.SequenceNumber));
        Assert.Equal(Enumerable.Range(1000, 200).Select(s => (uint)(s * LoopbackPhone.PayloadLength)), received.Select(h => h.Timestamp));
        Assert.Equal(200, _legA.Counters.Received);
        Assert.Equal(0, _legA.Statistics.CumulativeLost);

        // Queued sends are counted when their completion is reaped, which may follow the phone's receive.
        await LoopbackPhone.WaitUntilAsync(() => _legB!.Counters.Sent == 200);
        Assert.Equal(200L * LoopbackPhone.PayloadLength, _legB!.Counters.OctetsSent);
        Assert.Equal(0, _legB.Counters.SendErrors);
        Assert.True(_engine!.Counters.Sends >= 200);
    }

    [Fact]
    public async Task Relay_BothDirectionsAtOnce_EveryPacketArrives()
    {
        Assert.SkipUnless(RtpRingEngine.IsSupported, NoRing);

        // 200 each way: a relay socket's default receive buffer holds about 256 such datagrams, and a burst sent
        // before the ring thread is scheduled would overflow it with any engine (the batched one drops alike).
        var toB = _phoneA.SendRtpAsync(_legA!.LocalEndPoint, ssrc: 1, firstSequence: 1, count: 200);
        var toA = _phoneB.SendRtpAsync(_legB!.LocalEndPoint, ssrc: 2, firstSequence: 1, count: 200);
        var atB = ReceiveRtpAsync(_phoneB, 200);
        var atA = ReceiveRtpAsync(_phoneA, 200);
        await Task.WhenAll(toB, toA);

        Assert.Equal(Enumerable.Range(1, 200).Select(s => (ushort)s), (await atB).Select(h => h.SequenceNumber));
        Assert.Equal(Enumerable.Range(1, 200).Select(s => (ushort)s), (await atA).Select(h => h.SequenceNumber));
    }

    [Fact]
    public async Task Receive_PacketsFromAnotherAddressAfterLatching_DroppedAndCounted()
    {
        Assert.SkipUnless(RtpRingEngine.IsSupported, NoRing);
        using var intruder = new LoopbackPhone();
        var silentLeg = Open(remote: null);
        silentLeg.SetHandler(new RtpRelay(_legB!));
        await _phoneA.SendRtpAsync(silentLeg.LocalEndPoint, ssrc: 1, firstSequence: 1, count: 1);
        await ReceiveRtpAsync(_phoneB, 1);

        await intruder.SendRtpAsync(silentLeg.LocalEndPoint, ssrc: 2, firstSequence: 1, count: 5);
        await _phoneA.SendRtpAsync(silentLeg.LocalEndPoint, ssrc: 1, firstSequence: 2, count: 1);
        var next = await ReceiveRtpAsync(_phoneB, 1);

        Assert.Equal(2, next[0].SequenceNumber);
        Assert.Equal(5, silentLeg.Counters.UnexpectedSource);
        Assert.Equal(2, silentLeg.Counters.Received);
        Assert.Equal(_phoneA.EndPoint, silentLeg.RemoteEndPoint);
    }

    [Fact]
    public async Task Receive_NotRtp_DroppedCountedAndTheLoopGoesOn()
    {
        Assert.SkipUnless(RtpRingEngine.IsSupported, NoRing);
        var wrongVersion = LoopbackPhone.Rtp(ssrc: 1, sequence: 1, timestamp: 0);
        wrongVersion[0] = 0x40;

        await _phoneA.SendAsync(_legA!.LocalEndPoint, "garbage"u8.ToArray());
        await _phoneA.SendAsync(_legA.LocalEndPoint, wrongVersion);
        await _phoneA.SendRtpAsync(_legA.LocalEndPoint, ssrc: 1, firstSequence: 5, count: 1);
        var relayed = await ReceiveRtpAsync(_phoneB, 1);

        Assert.Equal(5, relayed[0].SequenceNumber);
        Assert.Equal(2, _legA.Counters.Malformed);
    }

    [Fact]
    public async Task Receive_DatagramLargerThanTheBuffer_DroppedCountedAndTheLoopGoesOn()
    {
        Assert.SkipUnless(RtpRingEngine.IsSupported, NoRing);
        var huge = new byte[RtpRingWorker.ReceiveBufferSize];
        LoopbackPhone.Rtp(ssrc: 1, sequence: 1, timestamp: 0).CopyTo(huge, 0);

        await _phoneA.SendAsync(_legA!.LocalEndPoint, huge);
        await _phoneA.SendRtpAsync(_legA.LocalEndPoint, ssrc: 1, firstSequence: 2, count: 1);
        var relayed = await ReceiveRtpAsync(_phoneB, 1);

        Assert.Equal(2, relayed[0].SequenceNumber);
        Assert.Equal(1, _engine!.Errors.Truncated);
        Assert.Equal(1, _legA.Counters.Received);
    }

    [Fact]
    public async Task Receive_RtcpOnItsOwnSocket_CountedApartFromRtp()
    {
        Assert.SkipUnless(RtpRingEngine.IsSupported, NoRing);
        using var rtcpPhone = new LoopbackPhone();
        var leg = Open(_phoneA.EndPoint, withRtcp: true);
        var report = new byte[512];
        var length = _legB!.WriteReport(report);
        var rtcpPort = new IPEndPoint(IPAddress.Loopback, leg.LocalEndPoint.Port + 1);

        await rtcpPhone.SendAsync(rtcpPort, report[..length]);
        await _phoneA.SendRtpAsync(leg.LocalEndPoint, ssrc: 3, firstSequence: 1, count: 3);
        await LoopbackPhone.WaitUntilAsync(() => leg.Counters.RtcpReceived == 1 && leg.Counters.Received == 3);

        Assert.Equal(0, leg.Counters.Malformed);
    }

    [Fact]
    public async Task Unregister_ThenPackets_NothingDelivered()
    {
        Assert.SkipUnless(RtpRingEngine.IsSupported, NoRing);
        await _phoneA.SendRtpAsync(_legA!.LocalEndPoint, ssrc: 1, firstSequence: 1, count: 1);
        await ReceiveRtpAsync(_phoneB, 1);

        Assert.True(_engine!.Unregister(_legA));
        await _phoneA.SendRtpAsync(_legA.LocalEndPoint, ssrc: 1, firstSequence: 2, count: 5);
        await _phoneB.SendRtpAsync(_legB!.LocalEndPoint, ssrc: 2, firstSequence: 1, count: 1);
        await ReceiveRtpAsync(_phoneA, 1);

        Assert.Equal(1, _legA.Counters.Received);
        Assert.False(_engine.Unregister(_legA));
    }

    [Fact]
    public void Dispose_AttachedSession_ThePortCanBeBoundAgainAtOnce()
    {
        Assert.SkipUnless(RtpRingEngine.IsSupported, NoRing);
        var leg = Open(_phoneA.EndPoint);
        var port = leg.LocalEndPoint.Port;

        // The multishot receive holds the socket in the kernel until it is cancelled: dispose must wait for that.
        leg.Dispose();
        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        again.Bind(new IPEndPoint(IPAddress.Loopback, port));

        Assert.Equal(port, ((IPEndPoint)again.LocalEndPoint!).Port);
    }

    [Fact]
    public async Task DisposeAsync_WithSessionsRegistered_JoinsItsThreadsAndLeavesTheSessionsOpen()
    {
        Assert.SkipUnless(RtpRingEngine.IsSupported, NoRing);
        var engine = new RtpRingEngine(workerCount: 3);
        var leg = Open(_phoneA.EndPoint, attachTo: engine);
        await _phoneA.SendRtpAsync(leg.LocalEndPoint, ssrc: 1, firstSequence: 1, count: 1);
        await LoopbackPhone.WaitUntilAsync(() => leg.Counters.Received == 1);
        var runningBefore = engine.IsRunning;

        await engine.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.True(runningBefore);
        Assert.False(engine.IsRunning);
        Assert.Throws<ObjectDisposedException>(() => engine.Register(Open(remote: null, attachTo: null)));
        leg.Dispose();
        Assert.Equal(1, leg.Counters.Received);
    }

    [Fact]
    public void Constructor_IOUringRefused_ThrowsWithTheReasonSoTheHostCanPickAnotherEngine()
    {
        var refused = RingSupport.FromError(1); // EPERM: kernel.io_uring_disabled=2, or a container's seccomp profile

        var error = Assert.Throws<PlatformNotSupportedException>(() => new RtpRingEngine(refused, workerCount: 1));

        Assert.False(refused.IsSupported);
        Assert.Contains("io_uring_disabled", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(38, "not available")]
    [InlineData(22, "lacks a needed io_uring feature")]
    public void FromError_SetupErrno_Unsupported(int errno, string reason)
    {
        var support = RingSupport.FromError(errno);

        Assert.False(support.IsSupported);
        Assert.Contains(reason, support.Reason, StringComparison.Ordinal);
    }

    private RtpSession Open(IPEndPoint? remote, bool withRtcp = false) => Open(remote, _engine, withRtcp);

    private RtpSession Open(IPEndPoint? remote, IRtpReceiveEngine? attachTo, bool withRtcp = false)
    {
        Assert.True(_allocator.TryAllocate(IPAddress.Loopback, withRtcp, out var sockets));
        var session = new RtpSession(sockets!, remote, clockRate: 8000, TimeProvider.System);
        _sessions.Add(session);
        if (attachTo is not null)
        {
            session.Attach(attachTo);
        }

        return session;
    }

    private static async Task<List<RtpHeader>> ReceiveRtpAsync(LoopbackPhone phone, int count)
    {
        var headers = new List<RtpHeader>(count);
        while (headers.Count < count)
        {
            Assert.True(RtpHeader.TryParse(await phone.ReceiveAsync(), out var header));
            headers.Add(header);
        }

        return headers;
    }
}

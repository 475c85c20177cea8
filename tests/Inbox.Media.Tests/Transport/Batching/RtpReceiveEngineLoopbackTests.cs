using System.Net;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;
using Inbox.Media.Tests.Sessions;
using Inbox.Media.Transport;
using Inbox.Media.Transport.Batching;

namespace Inbox.Media.Tests.Transport.Batching;

/// <summary>The relay's loopback scenarios with the legs received by the batched engine instead of RunAsync (Linux).</summary>
public sealed class RtpReceiveEngineLoopbackTests : IAsyncLifetime
{
    private readonly RtpPortAllocator _allocator = new(RtpPortAllocatorTests.FreeRange(12));
    private readonly LoopbackPhone _phoneA = new();
    private readonly LoopbackPhone _phoneB = new();
    private readonly List<RtpSession> _sessions = [];
    private RtpReceiveEngine? _engine;
    private RtpSession? _legA;
    private RtpSession? _legB;

    public ValueTask InitializeAsync()
    {
        if (!OperatingSystem.IsLinux())
        {
            return ValueTask.CompletedTask;
        }

        _engine = new RtpReceiveEngine(workerCount: 2);
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
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the batched engine uses epoll and recvmmsg (Linux)");

        await _phoneA.SendRtpAsync(_legA!.LocalEndPoint, ssrc: 0x11111111, firstSequence: 1000, count: 200);
        var received = await ReceiveRtpAsync(_phoneB, 200);

        Assert.All(received, h => Assert.Equal(_legB!.Output.Ssrc, h.Ssrc));
        Assert.Equal(Enumerable.Range(1000, 200).Select(s => (ushort)s), received.Select(h => h.SequenceNumber));
        Assert.Equal(200, _legA.Counters.Received);
        Assert.Equal(200, _legB!.Counters.Sent);
        Assert.Equal(0, _legA.Statistics.CumulativeLost);
    }

    [Fact]
    public async Task Receive_PacketsFromAnotherAddressAfterLatching_DroppedAndCounted()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the batched engine uses epoll and recvmmsg (Linux)");
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
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the batched engine uses epoll and recvmmsg (Linux)");
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
    public async Task Receive_RtcpOnItsOwnSocket_CountedApartFromRtp()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the batched engine uses epoll and recvmmsg (Linux)");
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
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the batched engine uses epoll and recvmmsg (Linux)");
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
    public async Task DisposeAsync_WithSessionsRegistered_JoinsItsThreadsAndLeavesTheSessionsOpen()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the batched engine uses epoll and recvmmsg (Linux)");
        var engine = new RtpReceiveEngine(workerCount: 3);
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

    private RtpSession Open(IPEndPoint? remote, bool withRtcp = false) => Open(remote, _engine, withRtcp);

    private RtpSession Open(IPEndPoint? remote, RtpReceiveEngine? attachTo, bool withRtcp = false)
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

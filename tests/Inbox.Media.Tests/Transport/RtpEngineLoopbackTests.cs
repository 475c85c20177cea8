using System.Net;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;
using Inbox.Media.Tests.Sessions;
using Inbox.Media.Transport;

namespace Inbox.Media.Tests.Transport;

/// <summary>
/// The relay's loopback scenarios that every receive engine must pass, with the legs read by the engine instead of
/// <see cref="RtpSession.RunAsync"/>; each engine's test class adds what is its own.
/// </summary>
public abstract class RtpEngineLoopbackTests : IAsyncLifetime
{
    private readonly RtpPortAllocator _allocator = new(RtpPortAllocatorTests.FreeRange(12));
    private readonly List<RtpSession> _sessions = [];

    private protected LoopbackPhone PhoneA { get; } = new();

    private protected LoopbackPhone PhoneB { get; } = new();

    private protected IRtpReceiveEngine? Engine { get; private set; }

    private protected RtpSession? LegA { get; private set; }

    private protected RtpSession? LegB { get; private set; }

    /// <summary>Whether the engine can run on this machine; its tests skip saying <see cref="Unsupported"/> otherwise.</summary>
    private protected abstract bool IsSupported { get; }

    private protected abstract string Unsupported { get; }

    public ValueTask InitializeAsync()
    {
        if (!IsSupported)
        {
            return ValueTask.CompletedTask;
        }

        Engine = CreateEngine(workerCount: 2);
        LegA = Open(PhoneA.EndPoint);
        LegB = Open(PhoneB.EndPoint);
        LegA.SetHandler(new RtpRelay(LegB));
        LegB.SetHandler(new RtpRelay(LegA));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _sessions.ForEach(s => s.Dispose());
        if (Engine is IAsyncDisposable engine)
        {
            await engine.DisposeAsync();
        }

        PhoneA.Dispose();
        PhoneB.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Relay_SameCodecStream_EveryPacketInOrderWithTheLegsOwnSsrc()
    {
        Assert.SkipUnless(IsSupported, Unsupported);

        await PhoneA.SendRtpAsync(LegA!.LocalEndPoint, ssrc: 0x11111111, firstSequence: 1000, count: 200);
        var received = await ReceiveRtpAsync(PhoneB, 200);

        Assert.All(received, h => Assert.Equal(LegB!.Output.Ssrc, h.Ssrc));
        Assert.Equal(Enumerable.Range(1000, 200).Select(s => (ushort)s), received.Select(h => h.SequenceNumber));
        Assert.Equal(Enumerable.Range(1000, 200).Select(s => (uint)(s * LoopbackPhone.PayloadLength)), received.Select(h => h.Timestamp));
        Assert.Equal(200, LegA.Counters.Received);
        Assert.Equal(0, LegA.Statistics.CumulativeLost);

        // Queued sends are counted when their completion is reaped, which may follow the phone's receive.
        await LoopbackPhone.WaitUntilAsync(() => LegB!.Counters.Sent == 200);
        Assert.Equal(200L * LoopbackPhone.PayloadLength, LegB!.Counters.OctetsSent);
        Assert.Equal(0, LegB.Counters.SendErrors);
    }

    [Fact]
    public async Task Receive_PacketsFromAnotherAddressAfterLatching_DroppedAndCounted()
    {
        Assert.SkipUnless(IsSupported, Unsupported);
        using var intruder = new LoopbackPhone();
        var silentLeg = Open(remote: null);
        silentLeg.SetHandler(new RtpRelay(LegB!));
        await PhoneA.SendRtpAsync(silentLeg.LocalEndPoint, ssrc: 1, firstSequence: 1, count: 1);
        await ReceiveRtpAsync(PhoneB, 1);

        await intruder.SendRtpAsync(silentLeg.LocalEndPoint, ssrc: 2, firstSequence: 1, count: 5);
        await PhoneA.SendRtpAsync(silentLeg.LocalEndPoint, ssrc: 1, firstSequence: 2, count: 1);
        var next = await ReceiveRtpAsync(PhoneB, 1);

        Assert.Equal(2, next[0].SequenceNumber);
        Assert.Equal(5, silentLeg.Counters.UnexpectedSource);
        Assert.Equal(2, silentLeg.Counters.Received);
        Assert.Equal(PhoneA.EndPoint, silentLeg.RemoteEndPoint);
    }

    [Fact]
    public async Task Receive_NotRtp_DroppedCountedAndTheLoopGoesOn()
    {
        Assert.SkipUnless(IsSupported, Unsupported);
        var wrongVersion = LoopbackPhone.Rtp(ssrc: 1, sequence: 1, timestamp: 0);
        wrongVersion[0] = 0x40;

        await PhoneA.SendAsync(LegA!.LocalEndPoint, "garbage"u8.ToArray());
        await PhoneA.SendAsync(LegA.LocalEndPoint, wrongVersion);
        await PhoneA.SendRtpAsync(LegA.LocalEndPoint, ssrc: 1, firstSequence: 5, count: 1);
        var relayed = await ReceiveRtpAsync(PhoneB, 1);

        Assert.Equal(5, relayed[0].SequenceNumber);
        Assert.Equal(2, LegA.Counters.Malformed);
    }

    [Fact]
    public async Task Receive_RtcpOnItsOwnSocket_CountedApartFromRtp()
    {
        Assert.SkipUnless(IsSupported, Unsupported);
        using var rtcpPhone = new LoopbackPhone();
        var leg = Open(PhoneA.EndPoint, withRtcp: true);
        var report = new byte[512];
        var length = LegB!.WriteReport(report);
        var rtcpPort = new IPEndPoint(IPAddress.Loopback, leg.LocalEndPoint.Port + 1);

        await rtcpPhone.SendAsync(rtcpPort, report[..length]);
        await PhoneA.SendRtpAsync(leg.LocalEndPoint, ssrc: 3, firstSequence: 1, count: 3);
        await LoopbackPhone.WaitUntilAsync(() => leg.Counters.RtcpReceived == 1 && leg.Counters.Received == 3);

        Assert.Equal(0, leg.Counters.Malformed);
    }

    [Fact]
    public async Task Unregister_ThenPackets_NothingDelivered()
    {
        Assert.SkipUnless(IsSupported, Unsupported);
        await PhoneA.SendRtpAsync(LegA!.LocalEndPoint, ssrc: 1, firstSequence: 1, count: 1);
        await ReceiveRtpAsync(PhoneB, 1);

        Assert.True(Engine!.Unregister(LegA));
        await PhoneA.SendRtpAsync(LegA.LocalEndPoint, ssrc: 1, firstSequence: 2, count: 5);
        await PhoneB.SendRtpAsync(LegB!.LocalEndPoint, ssrc: 2, firstSequence: 1, count: 1);
        await ReceiveRtpAsync(PhoneA, 1);

        Assert.Equal(1, LegA.Counters.Received);
        Assert.False(Engine.Unregister(LegA));
    }

    [Fact]
    public async Task DisposeAsync_WithSessionsRegistered_JoinsItsThreadsAndLeavesTheSessionsOpen()
    {
        Assert.SkipUnless(IsSupported, Unsupported);
        var engine = CreateEngine(workerCount: 3);
        var leg = Open(PhoneA.EndPoint, attachTo: engine);
        await PhoneA.SendRtpAsync(leg.LocalEndPoint, ssrc: 1, firstSequence: 1, count: 1);
        await LoopbackPhone.WaitUntilAsync(() => leg.Counters.Received == 1);
        var runningBefore = IsRunning(engine);

        await ((IAsyncDisposable)engine).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.True(runningBefore);
        Assert.False(IsRunning(engine));
        Assert.Throws<ObjectDisposedException>(() => engine.Register(Open(remote: null, attachTo: null)));
        leg.Dispose();
        Assert.Equal(1, leg.Counters.Received);
    }

    private protected abstract IRtpReceiveEngine CreateEngine(int workerCount);

    private protected abstract bool IsRunning(IRtpReceiveEngine engine);

    private protected RtpSession Open(IPEndPoint? remote, bool withRtcp = false) => Open(remote, Engine, withRtcp);

    private protected RtpSession Open(IPEndPoint? remote, IRtpReceiveEngine? attachTo, bool withRtcp = false)
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

    private protected static async Task<List<RtpHeader>> ReceiveRtpAsync(LoopbackPhone phone, int count)
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

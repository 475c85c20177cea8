using System.Net;
using System.Net.Sockets;
using Inbox.Media.Tests.Sessions;
using Inbox.Media.Transport;
using Inbox.Media.Transport.Ring;

namespace Inbox.Media.Tests.Transport.Ring;

/// <summary>The shared loopback scenarios through the io_uring engine, and what is its own: sends queued on the ring.</summary>
public sealed class RtpRingEngineLoopbackTests : RtpEngineLoopbackTests
{
    private protected override bool IsSupported => RtpRingEngine.IsSupported;

    private protected override string Unsupported => "io_uring with multishot recvmsg is not available here";

    private RtpRingEngine Ring => (RtpRingEngine)Engine!;

    [Fact]
    public async Task Relay_SendsFromTheRingThread_QueuedOnTheRing()
    {
        Assert.SkipUnless(IsSupported, Unsupported);

        await PhoneA.SendRtpAsync(LegA!.LocalEndPoint, ssrc: 7, firstSequence: 1, count: 50);
        await ReceiveRtpAsync(PhoneB, 50);

        await LoopbackPhone.WaitUntilAsync(() => Ring.Counters.Sends >= 50);
    }

    [Fact]
    public async Task Relay_BothDirectionsAtOnce_EveryPacketArrives()
    {
        Assert.SkipUnless(IsSupported, Unsupported);

        // 200 each way: a relay socket's default receive buffer holds about 256 such datagrams, and a burst sent
        // before the ring thread is scheduled would overflow it with any engine (the batched one drops alike).
        var toB = PhoneA.SendRtpAsync(LegA!.LocalEndPoint, ssrc: 1, firstSequence: 1, count: 200);
        var toA = PhoneB.SendRtpAsync(LegB!.LocalEndPoint, ssrc: 2, firstSequence: 1, count: 200);
        var atB = ReceiveRtpAsync(PhoneB, 200);
        var atA = ReceiveRtpAsync(PhoneA, 200);
        await Task.WhenAll(toB, toA);

        Assert.Equal(Enumerable.Range(1, 200).Select(s => (ushort)s), (await atB).Select(h => h.SequenceNumber));
        Assert.Equal(Enumerable.Range(1, 200).Select(s => (ushort)s), (await atA).Select(h => h.SequenceNumber));
    }

    [Fact]
    public async Task Receive_DatagramLargerThanTheBuffer_DroppedCountedAndTheLoopGoesOn()
    {
        Assert.SkipUnless(IsSupported, Unsupported);
        var huge = new byte[RtpRingWorker.ReceiveBufferSize];
        LoopbackPhone.Rtp(ssrc: 1, sequence: 1, timestamp: 0).CopyTo(huge, 0);

        await PhoneA.SendAsync(LegA!.LocalEndPoint, huge);
        await PhoneA.SendRtpAsync(LegA.LocalEndPoint, ssrc: 1, firstSequence: 2, count: 1);
        var relayed = await ReceiveRtpAsync(PhoneB, 1);

        Assert.Equal(2, relayed[0].SequenceNumber);
        Assert.Equal(1, Ring.Errors.Truncated);
        Assert.Equal(1, LegA.Counters.Received);
    }

    [Fact]
    public void Dispose_AttachedSession_ThePortCanBeBoundAgainAtOnce()
    {
        Assert.SkipUnless(IsSupported, Unsupported);
        var leg = Open(PhoneA.EndPoint);
        var port = leg.LocalEndPoint.Port;

        // The multishot receive holds the socket in the kernel until it is cancelled: dispose must wait for that.
        leg.Dispose();
        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        again.Bind(new IPEndPoint(IPAddress.Loopback, port));

        Assert.Equal(port, ((IPEndPoint)again.LocalEndPoint!).Port);
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

    private protected override IRtpReceiveEngine CreateEngine(int workerCount) => new RtpRingEngine(workerCount);

    private protected override bool IsRunning(IRtpReceiveEngine engine) => ((RtpRingEngine)engine).IsRunning;
}

using System.Net;
using System.Net.Sockets;
using Inbox.Media.Sessions;
using Inbox.Media.Tests.Sessions;
using Inbox.Media.Transport;
using Inbox.Media.Transport.Batching;

namespace Inbox.Media.Tests.Transport.Batching;

public sealed class RtpReceiveWorkerAllocationTests
{
    private const int Rounds = 20;

    [Fact]
    public void PollOnce_RelayingBatchesAfterWarmUp_AllocatesNothing()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the batched engine uses epoll and recvmmsg (Linux)");
        var allocator = new RtpPortAllocator(RtpPortAllocatorTests.FreeRange(4));
        using var phoneA = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        phoneA.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var phoneB = new LoopbackPhone();
        Assert.True(allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var socketsA));
        Assert.True(allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var socketsB));
        using var legA = new RtpSession(socketsA!, (IPEndPoint)phoneA.LocalEndPoint!, clockRate: 8000, TimeProvider.System);
        using var legB = new RtpSession(socketsB!, phoneB.EndPoint, clockRate: 8000, TimeProvider.System);
        legA.SetHandler(new RtpRelay(legB));
        using var worker = new RtpReceiveWorker();
        var slot = worker.Add(legA, socketsA!.Rtp, isRtcp: false);
        var to = legA.LocalEndPoint.Serialize();
        var packets = Enumerable.Range(0, RtpReceiveWorker.BatchSize)
            .Select(i => LoopbackPhone.Rtp(ssrc: 5, sequence: (ushort)i, timestamp: (uint)i * 160)).ToArray();
        for (var i = 0; i < Rounds; i++)
        {
            Round(phoneA, packets, to, worker);
        }

        long allocated = 0;
        for (var i = 0; i < Rounds; i++)
        {
            allocated += Round(phoneA, packets, to, worker);
        }

        worker.Remove(slot);

        Assert.Equal(0, allocated);
        Assert.Equal(2 * Rounds * RtpReceiveWorker.BatchSize, legA.Counters.Received);
        Assert.Equal(legA.Counters.Received, legB.Counters.Sent);
    }

    // Sends one batch, then measures only the worker: one wake-up, one recvmmsg, 32 deliveries and relayed sends.
    private static long Round(Socket phone, byte[][] packets, SocketAddress to, RtpReceiveWorker worker)
    {
        foreach (var packet in packets)
        {
            phone.SendTo(packet, SocketFlags.None, to);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var delivered = worker.PollOnce(timeoutMilliseconds: 5000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(RtpReceiveWorker.BatchSize, delivered);
        return allocated;
    }
}

using System.Net;
using System.Net.Sockets;
using Inbox.Media.Sessions;
using Inbox.Media.Tests.Sessions;
using Inbox.Media.Transport;
using Inbox.Media.Transport.Ring;

namespace Inbox.Media.Tests.Transport.Ring;

public sealed class RtpRingWorkerAllocationTests
{
    private const int Rounds = 20;
    private const int PacketsPerRound = 32;

    [Fact]
    public void PollOnce_RelayingThroughTheRingAfterWarmUp_AllocatesNothing()
    {
        Assert.SkipUnless(RtpRingEngine.IsSupported, "io_uring with multishot recvmsg is not available here");
        var allocator = new RtpPortAllocator(RtpPortAllocatorTests.FreeRange(4));
        using var phoneA = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        phoneA.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var phoneB = new LoopbackPhone();
        Assert.True(allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var socketsA));
        Assert.True(allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var socketsB));
        using var legA = new RtpSession(socketsA!, (IPEndPoint)phoneA.LocalEndPoint!, clockRate: 8000, TimeProvider.System);
        using var legB = new RtpSession(socketsB!, phoneB.EndPoint, clockRate: 8000, TimeProvider.System);
        legA.SetHandler(new RtpRelay(legB));

        // Created on this thread, which then owns the ring: Add acts at once and PollOnce runs the loop here.
        using var worker = new RtpRingWorker();
        var slot = worker.Add(legA, socketsA!.Rtp, isRtcp: false);
        var to = legA.LocalEndPoint.Serialize();
        var packets = Enumerable.Range(0, PacketsPerRound)
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
        Assert.Equal(2 * Rounds * PacketsPerRound, legA.Counters.Received);
        Assert.True(worker.Counters.Sends >= legA.Counters.Received - PacketsPerRound);
        Assert.Equal(0, worker.Counters.SendFallbacks);
    }

    // Sends one batch, then measures only the worker: enters until every datagram is delivered and relayed.
    private static long Round(Socket phone, byte[][] packets, SocketAddress to, RtpRingWorker worker)
    {
        foreach (var packet in packets)
        {
            phone.SendTo(packet, SocketFlags.None, to);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var delivered = 0;
        while (delivered < packets.Length)
        {
            delivered += worker.PollOnce();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(packets.Length, delivered);
        return allocated;
    }
}

using System.Net;
using Inbox.Media.Rtcp;
using Inbox.Media.Sessions;
using Inbox.Media.Tests.Transport;
using Inbox.Media.Transport;

namespace Inbox.Media.Tests.Sessions;

public sealed class RtpSessionRtcpAllocationTests
{
    [Fact]
    public async Task WriteReportAndOnRtcp_AfterWarmUp_AllocateNothing()
    {
        var allocator = new RtpPortAllocator(RtpPortAllocatorTests.FreeRange(2));
        Assert.True(allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var sockets));
        using var phone = new LoopbackPhone();
        using var session = new RtpSession(sockets!, phone.EndPoint, clockRate: 8000, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var loop = session.RunAsync(stop.Token);
        await phone.SendRtpAsync(session.LocalEndPoint, ssrc: 7, firstSequence: 1, count: 10);
        await LoopbackPhone.WaitUntilAsync(() => session.Counters.Received == 10);
        var buffer = new byte[512];
        var peerReport = PeerReport(session.Output.Ssrc);
        var source = phone.EndPoint.Serialize();
        for (var i = 0; i < 100; i++)
        {
            RoundTrip(session, buffer, peerReport, source);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var length = 0;
        for (var i = 0; i < 10_000; i++)
        {
            length = RoundTrip(session, buffer, peerReport, source);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(RtcpCompoundValidator.IsWellFormed(buffer.AsSpan(0, length)));
        Assert.NotNull(session.RoundTrip);
        await stop.CancelAsync();
        session.Dispose();
        await loop;
    }

    private static int RoundTrip(RtpSession session, byte[] buffer, byte[] peerReport, SocketAddress source)
    {
        var length = session.WriteReport(buffer);
        session.OnRtcp(buffer.AsSpan(0, length), source, onRtpSocket: false);
        session.OnRtcp(peerReport, source, onRtpSocket: false);
        return length;
    }

    // The peer's SR carrying a block about our stream, with an LSR so the round trip is computed too.
    private static byte[] PeerReport(uint ourSsrc)
    {
        var datagram = new byte[52];
        var lsr = NtpTimestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMilliseconds(-30)).Middle32;
        var info = new RtcpSenderInfo(NtpTimestamp.FromDateTimeOffset(DateTimeOffset.UtcNow), 0, 1, 160);
        RtcpSenderReport.TryWrite(datagram, 7, info, [new RtcpReportBlock(ourSsrc, 0, 0, 10, 0, lsr, 0)], out _);
        return datagram;
    }
}

using System.Net;
using System.Text;
using Inbox.Media.Rtcp;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;
using Inbox.Media.Tests.Transport;
using Inbox.Media.Transport;

namespace Inbox.Media.Tests.Sessions;

/// <summary>RTCP sent and received by real sessions on loopback, with plain sockets as phones.</summary>
public sealed class RtpSessionRtcpTests : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly RtpPortAllocator _allocator = new(RtpPortAllocatorTests.FreeRange(8));
    private readonly List<RtpSession> _sessions = [];
    private readonly List<Task> _loops = [];
    private readonly LoopbackPhone _phone = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _sessions.ForEach(s => s.Dispose());
        await Task.WhenAll(_loops);
        _phone.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task TrySendReport_ReceivedRtpWithLoss_ReceiverReportMatchesStatistics()
    {
        var session = Open(_phone.EndPoint, withRtcp: false, cname: "leg@inbox");
        await _phone.SendRtpAsync(session.LocalEndPoint, ssrc: 0xABCD, firstSequence: 1, count: 100, drop: s => s % 10 == 0);
        await LoopbackPhone.WaitUntilAsync(() => session.Counters.Received == 90);
        var (expected, lost, _) = session.GetReceiveTotals();

        Assert.True(session.TrySendReport());
        var datagram = await _phone.ReceiveAsync();

        var reader = new RtcpCompoundReader(datagram, requireReportFirst: true);
        Assert.True(reader.MoveNext());
        Assert.True(RtcpReceiverReport.TryParse(reader.Current.Data, out var rr));
        Assert.Equal(session.Output.Ssrc, rr.Ssrc);
        Assert.Equal(1, rr.ReportCount);
        var block = rr.GetReportBlock(0);
        Assert.Equal(0xABCDu, block.Ssrc);
        Assert.Equal(lost, block.CumulativeLost);
        Assert.Equal((byte)(lost * 256 / expected), block.FractionLost);
        Assert.Equal(session.Statistics.ExtendedHighestSequence, block.ExtendedHighestSequence);
        Assert.Equal(session.Statistics.Jitter, block.Jitter);
        Assert.Equal(0u, block.LastSenderReport);
        Assert.Equal(0u, block.DelaySinceLastSenderReport);
        Assert.True(reader.MoveNext());
        Assert.True(RtcpSdesPacket.TryParse(reader.Current.Data, out var sdes));
        foreach (var chunk in sdes)
        {
            Assert.Equal("leg@inbox", Encoding.UTF8.GetString(chunk.Cname));
        }

        Assert.False(reader.MoveNext());
        Assert.False(reader.IsMalformed);
    }

    [Fact]
    public async Task TrySendReport_SentRtp_SenderReportCountsPacketsAndPayloadOctets()
    {
        var session = Open(_phone.EndPoint, withRtcp: false);
        for (var i = 0; i < 25; i++)
        {
            session.Send(LoopbackPhone.Rtp(session.Output.Ssrc, (ushort)i, (uint)(i * 160)));
        }

        for (var i = 0; i < 25; i++)
        {
            await _phone.ReceiveAsync();
        }

        var before = DateTimeOffset.UtcNow;
        Assert.True(session.TrySendReport());
        var report = await _phone.ReceiveAsync();
        Assert.True(session.TrySendReport());
        var next = await _phone.ReceiveAsync();

        Assert.True(RtcpSenderReport.TryParse(report, out var sr));
        Assert.Equal(session.Output.Ssrc, sr.Ssrc);
        Assert.Equal(25u, sr.SenderInfo.PacketCount);
        Assert.Equal(25u * LoopbackPhone.PayloadLength, sr.SenderInfo.OctetCount);
        Assert.Equal(0, sr.ReportCount);
        var sentAt = sr.SenderInfo.NtpTimestamp.ToDateTimeOffset();
        Assert.InRange(sentAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(RtcpPacketType.ReceiverReport, (RtcpPacketType)next[1]); // nothing sent since: an RR
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TrySendReport_SenderReportAnsweredByReceiverReport_RoundTripComputed(bool separateRtcpPort)
    {
        var legA = Open(remote: null, withRtcp: separateRtcpPort);
        var legB = Open(legA.LocalEndPoint, withRtcp: separateRtcpPort);
        legA.SetRemote(legB.LocalEndPoint);
        for (var i = 0; i < 10; i++)
        {
            var packet = LoopbackPhone.Rtp(0x5555, (ushort)(100 + i), (uint)(i * 160));
            Assert.True(RtpHeader.TryParse(packet, out var header));
            legA.Output.Map(packet, header);
            legA.Send(packet);
        }

        await LoopbackPhone.WaitUntilAsync(() => legB.Counters.Received == 10);

        Assert.True(legA.TrySendReport());
        await LoopbackPhone.WaitUntilAsync(() => legB.Counters.RtcpReceived == 1);
        Assert.True(legB.TrySendReport());
        await LoopbackPhone.WaitUntilAsync(() => legA.RoundTrip is not null);

        Assert.InRange(legA.RoundTrip!.Value, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        Assert.Null(legB.RoundTrip);
        var heard = legA.RemoteReport!.Value;
        Assert.Equal(legA.Output.Ssrc, heard.Ssrc);
        Assert.Equal(0, heard.CumulativeLost);
        Assert.Equal(0, heard.FractionLost);
        Assert.Equal(0, legA.Counters.Malformed + legB.Counters.Malformed);
    }

    [Fact]
    public async Task OnRtcp_ReceiverReportWithXrAndBye_KeepsWhatTheFarEndHearsAndFlagsBye()
    {
        var session = Open(_phone.EndPoint, withRtcp: false);
        var datagram = new byte[256];
        var block = new RtcpReportBlock(session.Output.Ssrc, 64, 12, 1000, 80, 0, 0);
        RtcpReceiverReport.TryWrite(datagram, 0xABCD, [block], out var offset);
        var metrics = new RtcpVoipMetricsBlock { Ssrc = session.Output.Ssrc, MosLq = 41, RFactor = 88 };
        RtcpXrPacket.TryWriteVoipMetrics(datagram.AsSpan(offset), 0xABCD, metrics, out var written);
        offset += written;
        RtcpByePacket.TryWrite(datagram.AsSpan(offset), [0xABCDu], [], out written);

        await _phone.SendAsync(session.LocalEndPoint, datagram[..(offset + written)]);
        await LoopbackPhone.WaitUntilAsync(() => session.ByeReceived);

        Assert.Equal(64, session.RemoteReport!.Value.FractionLost);
        Assert.Equal(80u, session.RemoteReport.Value.Jitter);
        Assert.Equal(41, session.RemoteVoipMetrics!.Value.MosLq);
        Assert.Equal(88, session.RemoteVoipMetrics.Value.RFactor);
        Assert.Null(session.RoundTrip); // LSR 0: the far end has seen no SR of ours
        Assert.Equal(1, session.Counters.Goodbyes);
    }

    [Fact]
    public async Task OnRtcp_MalformedCompound_CountedDroppedAndTheLoopGoesOn()
    {
        var session = Open(_phone.EndPoint, withRtcp: false);
        var datagram = new byte[64];
        RtcpReceiverReport.TryWrite(datagram, 0xABCD, [new RtcpReportBlock(session.Output.Ssrc, 1, 1, 1, 1, 0, 0)], out var length);
        datagram[0] = 0x82; // a count of 2: the second block runs past the packet, though the framing is valid

        await _phone.SendAsync(session.LocalEndPoint, datagram[..length]);
        await _phone.SendAsync(session.LocalEndPoint, [0x80, 0xC9, 0x00, 0x09]); // length past the datagram
        await _phone.SendRtpAsync(session.LocalEndPoint, ssrc: 1, firstSequence: 1, count: 1);
        await LoopbackPhone.WaitUntilAsync(() => session.Counters.Received == 1);

        Assert.Equal(2, session.Counters.Malformed);
        Assert.Equal(0, session.Counters.RtcpReceived);
        Assert.Null(session.RemoteReport);
    }

    [Fact]
    public async Task TrySendReport_SeparateRtcpPort_GoesToRtpPortPlusOneThenToTheAnnouncedAddress()
    {
        using var announced = new LoopbackPhone();
        var session = Open(new IPEndPoint(IPAddress.Loopback, _phone.EndPoint.Port - 1), withRtcp: true);

        Assert.True(session.TrySendReport());
        var byDefault = await _phone.ReceiveAsync();
        session.SetRemoteRtcp(announced.EndPoint);
        Assert.True(session.TrySendReport());
        var afterSdp = await announced.ReceiveAsync();

        Assert.True(RtcpCompoundValidator.IsWellFormed(byDefault));
        Assert.True(RtcpCompoundValidator.IsWellFormed(afterSdp));
        Assert.Equal(2, session.Counters.RtcpSent);
    }

    private RtpSession Open(IPEndPoint? remote, bool withRtcp, string? cname = null)
    {
        Assert.True(_allocator.TryAllocate(IPAddress.Loopback, withRtcp, out var sockets));
        var session = new RtpSession(sockets!, remote, clockRate: 8000, TimeProvider.System, cname);
        _sessions.Add(session);
        _loops.Add(session.RunAsync(_stop.Token));
        return session;
    }
}

using System.Net;
using Inbox.Media.Rtcp;

namespace Inbox.Media.Sessions;

/// <summary>RTCP receive (RFC 3550 §6.4) and the RTCP destination.</summary>
internal sealed partial class RtpSession
{
    // Guards the RTCP and quality state below; taken only at RTCP rates (never per RTP packet).
    private readonly Lock _gate = new();
    private SocketAddress? _remoteRtcp;
    private bool _remoteRtcpFixed;
    private uint _peerLastSenderReport;
    private long _peerLastSenderReportAt;
    private TimeSpan? _roundTrip;
    private RtcpReportBlock? _remoteReport;
    private RtcpVoipMetricsBlock? _remoteVoipMetrics;
    private long _goodbyes;

    /// <summary>
    /// The latest round-trip time computed from a report block about our stream (RFC 3550 §6.4.1: A − LSR − DLSR);
    /// null until the far end has reported on one of our SRs. Thread-safe.
    /// </summary>
    public TimeSpan? RoundTrip
    {
        get
        {
            lock (_gate)
            {
                return _roundTrip;
            }
        }
    }

    /// <summary>
    /// The far end's latest report block about our stream: what it hears. Fraction lost in 1/256, cumulative lost in
    /// packets, jitter in RTP units of this leg's clock rate. Null until one arrives. Thread-safe.
    /// </summary>
    public RtcpReportBlock? RemoteReport
    {
        get
        {
            lock (_gate)
            {
                return _remoteReport;
            }
        }
    }

    /// <summary>The far end's latest XR VoIP metrics about our stream (RFC 3611 §4.7), with its MOS-LQ and R when given. Thread-safe.</summary>
    public RtcpVoipMetricsBlock? RemoteVoipMetrics
    {
        get
        {
            lock (_gate)
            {
                return _remoteVoipMetrics;
            }
        }
    }

    /// <summary>True once the far end has sent an RTCP BYE (RFC 3550 §6.6). Thread-safe.</summary>
    public bool ByeReceived => Interlocked.Read(ref _goodbyes) > 0;

    /// <summary>
    /// Sets where RTCP goes when it is not muxed: the SDP <c>a=rtcp</c> address (RFC 3605). Without it RTCP goes to
    /// the RTP port + 1 (RFC 3550 §11). Has no effect with rtcp-mux. Thread-safe.
    /// </summary>
    public void SetRemoteRtcp(IPEndPoint remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        lock (_gate)
        {
            _remoteRtcpFixed = true;
            Volatile.Write(ref _remoteRtcp, remote.Serialize());
        }
    }

    // Called when the RTP remote is set from SDP or latched. An explicit a=rtcp survives a latch but not a new SDP.
    private void OnRemoteChanged(IPEndPoint remote, bool latched)
    {
        if (_sockets.Rtcp is null)
        {
            return;
        }

        lock (_gate)
        {
            if (latched && _remoteRtcpFixed)
            {
                return;
            }

            _remoteRtcpFixed = false;
            var port = remote.Port < IPEndPoint.MaxPort ? remote.Port + 1 : remote.Port;
            Volatile.Write(ref _remoteRtcp, new IPEndPoint(remote.Address, port).Serialize());
        }
    }

    /// <summary>Reads one received RTCP datagram. Allocation-free; a malformed datagram is counted and dropped whole.</summary>
    internal void OnRtcp(ReadOnlySpan<byte> datagram, SocketAddress source, bool onRtpSocket)
    {
        if (!RtcpCompoundValidator.IsWellFormed(datagram))
        {
            Interlocked.Increment(ref _malformed);
            return;
        }

        if (onRtpSocket && IsLatched && !source.Equals(Volatile.Read(ref _remote)))
        {
            Interlocked.Increment(ref _unexpectedSource);
            return;
        }

        Interlocked.Increment(ref _rtcpReceived);
        var now = _timeProvider.GetTimestamp();

        // RFC 3550 §6.4.1: A, the arrival time as the middle 32 bits of an NTP timestamp from our wallclock.
        var arrival = NtpTimestamp.FromDateTimeOffset(_timeProvider.GetUtcNow()).Middle32;
        lock (_gate)
        {
            var reader = new RtcpCompoundReader(datagram);
            while (reader.MoveNext())
            {
                ReadPacket(reader.Current, now, arrival);
            }

            if (!onRtpSocket && !_remoteRtcpFixed)
            {
                // Symmetric RTCP (RFC 4961): answer where reports come from, which is what gets through a NAT.
                var copy = new SocketAddress(source.Family, source.Size);
                source.Buffer.Span[..source.Size].CopyTo(copy.Buffer.Span);
                _remoteRtcpFixed = true;
                Volatile.Write(ref _remoteRtcp, copy);
            }
        }
    }

    // Under _gate. The datagram was validated, so every TryParse below succeeds.
    private void ReadPacket(RtcpPacket packet, long now, uint arrival)
    {
        switch (packet.PacketType)
        {
            case RtcpPacketType.SenderReport when RtcpSenderReport.TryParse(packet.Data, out var sr):
                // Kept for the LSR and DLSR of our next report block (RFC 3550 §6.4.1).
                _peerLastSenderReport = sr.SenderInfo.NtpTimestamp.Middle32;
                _peerLastSenderReportAt = now;
                for (var i = 0; i < sr.ReportCount; i++)
                {
                    ReadReportBlock(sr.GetReportBlock(i), arrival);
                }

                break;
            case RtcpPacketType.ReceiverReport when RtcpReceiverReport.TryParse(packet.Data, out var rr):
                for (var i = 0; i < rr.ReportCount; i++)
                {
                    ReadReportBlock(rr.GetReportBlock(i), arrival);
                }

                break;
            case RtcpPacketType.ExtendedReport when RtcpXrPacket.TryParse(packet.Data, out var xr):
                if (xr.TryGetVoipMetrics(out var metrics) && metrics.Ssrc == Output.Ssrc)
                {
                    _remoteVoipMetrics = metrics;
                }

                break;
            case RtcpPacketType.Goodbye:
                Interlocked.Increment(ref _goodbyes);
                break;
            default:
                // SDES, APP and feedback packets carry nothing the session uses.
                break;
        }
    }

    private void ReadReportBlock(in RtcpReportBlock block, uint arrival)
    {
        if (block.Ssrc != Output.Ssrc)
        {
            return;
        }

        _remoteReport = block;
        if (RtcpRoundTrip.TryCompute(arrival, block.LastSenderReport, block.DelaySinceLastSenderReport, out var units))
        {
            _roundTrip = NtpTimestamp.FromShortFormat(units);
        }
    }
}

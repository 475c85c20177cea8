using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Inbox.Media.Quality;
using Inbox.Media.Rtcp;

namespace Inbox.Media.Sessions;

/// <summary>RTCP send: one compound report (SR or RR, SDES CNAME, optional XR) per call (RFC 3550 §6.1).</summary>
internal sealed partial class RtpSession
{
    // SR with one block (52) + SDES with a 255-byte CNAME (268) + XR VoIP metrics (44), rounded up.
    private const int ReportBufferSize = 512;

    private readonly byte[] _cname;
    private readonly byte[] _reportBuffer = new byte[ReportBufferSize];
    private readonly Lock _reportGate = new();
    private long _sentAtLastReport;
    private long _rtcpSent;
    private int _sendVoipMetrics;

    /// <summary>
    /// Adds an XR VoIP metrics block (RFC 3611 §4.7) with <see cref="LatestQuality"/> to each report. Default false:
    /// XR is only sent when the far end asked for it in SDP (<c>a=rtcp-xr</c>, RFC 3611 §5). Thread-safe.
    /// </summary>
    public bool SendVoipMetrics
    {
        get => Volatile.Read(ref _sendVoipMetrics) != 0;
        set => Volatile.Write(ref _sendVoipMetrics, value ? 1 : 0);
    }

    /// <summary>
    /// Builds a compound report in the session's own buffer and sends it to the RTCP destination: the RTP remote with
    /// rtcp-mux, else the RTCP socket to the a=rtcp address or RTP port + 1. Allocation-free; thread-safe (reports
    /// are serialised). Normally called by <see cref="MediaQualityMonitor"/> on the RFC 3550 §6.2 schedule.
    /// </summary>
    /// <returns>False when there is no destination yet or the send failed (counted in <see cref="RtpSessionCounters.SendErrors"/>).</returns>
    public bool TrySendReport()
    {
        var socket = _sockets.Rtcp ?? _sockets.Rtp;
        var destination = _sockets.Rtcp is null ? Volatile.Read(ref _remote) : Volatile.Read(ref _remoteRtcp);
        if (destination is null)
        {
            return false;
        }

        lock (_reportGate)
        {
            var length = WriteReport(_reportBuffer);
            try
            {
                socket.SendTo(_reportBuffer.AsSpan(0, length), SocketFlags.None, destination);
                Interlocked.Increment(ref _rtcpSent);
                return true;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Interlocked.Increment(ref _sendErrors);
                return false;
            }
        }
    }

    /// <summary>
    /// Writes the compound report into <paramref name="buffer"/> (at least 512 bytes) and closes the reporting
    /// interval of the receive statistics. Under <c>_reportGate</c>.
    /// </summary>
    internal int WriteReport(Span<byte> buffer)
    {
        var now = _timeProvider.GetTimestamp();
        var hasBlock = TryBuildReportBlock(now, out var block, out var remoteSsrc);
        var blocks = hasBlock ? new ReadOnlySpan<RtcpReportBlock>(in block) : default;
        var ssrc = Output.Ssrc;
        var sent = Interlocked.Read(ref _sent);
        int written;
        if (sent != _sentAtLastReport)
        {
            // RFC 3550 §6.4: an SR when we sent RTP since the last report. Counts wrap modulo 2^32 as on the wire.
            _sentAtLastReport = sent;
            var ntp = NtpTimestamp.FromDateTimeOffset(_timeProvider.GetUtcNow());
            _ = Output.TryGetTimestampAt(now, out var rtpTimestamp); // 0 when nothing went through the mapper
            var info = new RtcpSenderInfo(ntp, rtpTimestamp, unchecked((uint)sent), unchecked((uint)Interlocked.Read(ref _octetsSent)));
            RtcpSenderReport.TryWrite(buffer, ssrc, info, blocks, out written);
        }
        else
        {
            RtcpReceiverReport.TryWrite(buffer, ssrc, blocks, out written);
        }

        var offset = written;
        RtcpSdesPacket.TryWrite(buffer[offset..], ssrc, _cname, out written);
        offset += written;
        if (hasBlock && SendVoipMetrics && LatestQuality is { } quality)
        {
            RtcpXrPacket.TryWriteVoipMetrics(buffer[offset..], ssrc, VoipMetrics(remoteSsrc, quality), out written);
            offset += written;
        }

        return offset;
    }

    private bool TryBuildReportBlock(long now, out RtcpReportBlock block, out uint remoteSsrc)
    {
        uint lastSenderReport;
        long lastSenderReportAt;
        lock (_gate)
        {
            lastSenderReport = _peerLastSenderReport;
            lastSenderReportAt = _peerLastSenderReportAt;
        }

        lock (_statisticsGate)
        {
            remoteSsrc = _remoteSsrc;
            if (!_hasRemoteSsrc || !Statistics.IsValid)
            {
                block = default;
                return false;
            }

            block = RtcpReportBlockBuilder.Build(
                remoteSsrc, Statistics, lastSenderReport, _timeProvider.GetElapsedTime(lastSenderReportAt, now));
            return true;
        }
    }

    // RFC 3611 §4.7 about the stream we receive, from the E-model window; what we cannot measure is "unavailable".
    private RtcpVoipMetricsBlock VoipMetrics(uint remoteSsrc, QualitySample quality)
    {
        var mos = (byte)Math.Clamp(Math.Round(quality.Mos * 10), 10, 50);
        return new RtcpVoipMetricsBlock
        {
            Ssrc = remoteSsrc,
            LossRate = (byte)Math.Clamp(quality.LossPercent * 256 / 100, 0, 255),
            RoundTripDelay = (ushort)Math.Clamp((RoundTrip ?? TimeSpan.Zero).TotalMilliseconds, 0, ushort.MaxValue),
            EndSystemDelay = (ushort)Math.Clamp(JitterBufferDepth.TotalMilliseconds, 0, ushort.MaxValue),
            SignalLevel = (sbyte)RtcpVoipMetricsBlock.Unavailable,
            NoiseLevel = (sbyte)RtcpVoipMetricsBlock.Unavailable,
            ResidualEchoReturnLoss = RtcpVoipMetricsBlock.Unavailable,
            Gmin = 16,
            RFactor = (byte)Math.Clamp(Math.Round(quality.R), 0, 100),
            ExternalRFactor = RtcpVoipMetricsBlock.Unavailable,

            // Without an RTT the score has no delay term: a listening score. With it, a conversational one.
            MosLq = quality.ListeningOnly ? mos : RtcpVoipMetricsBlock.Unavailable,
            MosCq = quality.ListeningOnly ? RtcpVoipMetricsBlock.Unavailable : mos,
            JitterBufferNominal = (ushort)Math.Clamp(JitterBufferDepth.TotalMilliseconds, 0, ushort.MaxValue),
        };
    }

    private static byte[] CreateCname(string? cname)
    {
        if (cname is null)
        {
            // RFC 7022 §4.2: a per-session CNAME of 96 random bits, base64-encoded (16 characters).
            return Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)));
        }

        var bytes = Encoding.UTF8.GetBytes(cname);
        return bytes.Length is > 0 and <= byte.MaxValue
            ? bytes
            : throw new ArgumentOutOfRangeException(nameof(cname), cname, "A CNAME is 1 to 255 UTF-8 bytes.");
    }
}

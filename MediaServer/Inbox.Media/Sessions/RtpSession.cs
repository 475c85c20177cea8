using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Inbox.Media.Rtcp;
using Inbox.Media.Rtp;
using Inbox.Media.Transport;
using Inbox.Media.Transport.Ring;

namespace Inbox.Media.Sessions;

/// <summary>
/// One leg's media end point: its sockets, a receive loop that owns its buffer, symmetric RTP (it latches to the
/// source of the first valid packet and then drops packets from anywhere else), receive statistics, and the
/// outgoing stream mapper. The packet handler is swapped by call control without locks; the loop reads it once per
/// packet. Sending is thread-safe (one UDP send per call). RTCP is in the partial files: receive
/// (<c>RtpSession.Rtcp.cs</c>), reports (<c>RtpSession.Report.cs</c>) and quality state (<c>RtpSession.Quality.cs</c>).
/// </summary>
/// <remarks>
/// Threads: the receive loop(s), the quality monitor's timer and any number of senders. Counters are
/// <see cref="Interlocked"/>; <see cref="Statistics"/> and the received SSRC are guarded by <c>_statisticsGate</c>
/// (held per packet by the loop, uncontended except every few seconds when a report is built); RTCP and quality state
/// by <c>_gate</c>, which is only taken at RTCP rates. The two locks are never nested.
/// </remarks>
internal sealed partial class RtpSession : IDisposable
{
    // Larger than any RTP packet that fits an Ethernet MTU; a bigger datagram is truncated and fails validation.
    private const int BufferSize = 2048;

    private readonly RtpSocketPair _sockets;
    private readonly TimeProvider _timeProvider;
    private readonly long _createdAt;
    private readonly Lock _statisticsGate = new();
    private SocketAddress? _remote;
    private IRtpPacketHandler? _handler;
    private IRtpPacketHandler? _listener;
    private long _lastPacketAt;
    private long _received;
    private long _sent;
    private long _rtcpReceived;
    private long _malformed;
    private long _unexpectedSource;
    private long _sendErrors;
    private long _octetsSent;
    private uint _remoteSsrc;
    private bool _hasRemoteSsrc;

    /// <param name="sockets">The leg's bound sockets; owned (disposed) by the session.</param>
    /// <param name="remote">The far end's RTP address from SDP, or null to wait for the first packet (latching).</param>
    /// <param name="clockRate">RTP clock rate in Hz of the leg's codec.</param>
    /// <param name="timeProvider">Clock for statistics, RTCP timing and the NTP wallclock of reports.</param>
    /// <param name="cname">
    /// The RTCP SDES CNAME (RFC 3550 §6.5.1), at most 255 UTF-8 bytes; per server or per session. Null draws a random
    /// per-session name as RFC 7022 §4.2 allows.
    /// </param>
    public RtpSession(RtpSocketPair sockets, IPEndPoint? remote, int clockRate, TimeProvider timeProvider, string? cname = null)
    {
        _sockets = sockets;
        _cname = CreateCname(cname);
        _timeProvider = timeProvider;
        _createdAt = timeProvider.GetTimestamp();
        _lastPacketAt = _createdAt;
        LocalEndPoint = (IPEndPoint)sockets.Rtp.LocalEndPoint!;
        Output = new RtpStreamMapper(RandomSsrc(), clockRate, timeProvider);
        Statistics = new RtpReceiveStatistics(clockRate);
        if (remote is not null)
        {
            SetRemote(remote);
        }
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Where packets are sent: the address from SDP until the session latches, then the latched source.</summary>
    public IPEndPoint? RemoteEndPoint { get; private set; }

    public bool IsLatched { get; private set; }

    /// <summary>The stream the far end receives from this leg.</summary>
    public RtpStreamMapper Output { get; }

    /// <summary>RFC 3550 receive statistics; written by the receive loop only.</summary>
    public RtpReceiveStatistics Statistics { get; }

    /// <summary>Time since the last valid RTP packet (or since the session opened).</summary>
    public TimeSpan SinceLastPacket => _timeProvider.GetElapsedTime(Interlocked.Read(ref _lastPacketAt));

    public RtpSessionCounters Counters => new(
        Interlocked.Read(ref _received), Interlocked.Read(ref _sent), Interlocked.Read(ref _rtcpReceived),
        Interlocked.Read(ref _malformed), Interlocked.Read(ref _unexpectedSource), Interlocked.Read(ref _sendErrors),
        Interlocked.Read(ref _octetsSent), Interlocked.Read(ref _rtcpSent), Interlocked.Read(ref _goodbyes));

    /// <summary>Routes this leg's incoming packets; null drops them after statistics. Takes effect on the next packet.</summary>
    public void SetHandler(IRtpPacketHandler? handler) => Volatile.Write(ref _handler, handler);

    /// <summary>
    /// A reader that sees each packet before the handler (which may rewrite it in place), set apart from it so that
    /// it stays while the handler changes (hold, transfer, conference): a supervisor's decoder. Null for none.
    /// </summary>
    public void SetListener(IRtpPacketHandler? listener) => Volatile.Write(ref _listener, listener);

    /// <summary>The reader set by <see cref="SetListener"/>, if any.</summary>
    public IRtpPacketHandler? Listener => Volatile.Read(ref _listener);

    /// <summary>The address the far end announced (SDP); undoes any latch, so a re-INVITE can move the stream.</summary>
    public void SetRemote(IPEndPoint remote)
    {
        RemoteEndPoint = remote;
        IsLatched = false;
        Volatile.Write(ref _remote, remote.Serialize());
        OnRemoteChanged(remote, latched: false);
    }

    /// <summary>Sends one packet to the far end; failures are counted, never thrown, so a relay loop keeps going.</summary>
    public void Send(ReadOnlySpan<byte> packet)
    {
        var remote = Volatile.Read(ref _remote);
        if (remote is null)
        {
            return;
        }

        // RFC 3550 §6.4.1: the SR's octet count is payload only, without header or padding.
        var octets = RtpHeader.TryParse(packet, out var header) ? header.PayloadLength : 0;
        try
        {
            // On a ring engine's thread the send is queued on its io_uring and submitted with the batch's one
            // io_uring_enter(2) (docs/benchmarks.md, "io_uring engine"); counted when it completes.
            if (RtpRingWorker.Current is { } ring && ring.TryQueueSend(this, _sockets.Rtp, packet, remote, octets))
            {
                return;
            }

            _sockets.Rtp.SendTo(packet, SocketFlags.None, remote);
            CountSent(octets);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            CountSendError();
        }
    }

    /// <summary>Counts one RTP packet sent, with its payload octets; called by the sender or when a queued send completes.</summary>
    internal void CountSent(int payloadOctets)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Add(ref _octetsSent, payloadOctets);
    }

    /// <summary>Counts one failed RTP send.</summary>
    internal void CountSendError() => Interlocked.Increment(ref _sendErrors);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var rtcp = _sockets.Rtcp is { } rtcpSocket ? ReceiveRtcpAsync(rtcpSocket, cancellationToken) : Task.CompletedTask;
        var buffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
        var source = new SocketAddress(LocalEndPoint.AddressFamily);
        while (await ReceiveAsync(_sockets.Rtp, buffer, source, cancellationToken).ConfigureAwait(false) is var length and >= 0)
        {
            OnDatagram(buffer.AsSpan(0, length), source);
        }

        await rtcp.ConfigureAwait(false);
    }

    /// <summary>Closes the sockets; a session attached to a receive engine is unregistered from it first.</summary>
    public void Dispose()
    {
        Detach();
        _sockets.Dispose();
    }

    // The receive path of every datagram on the RTP socket, from RunAsync or a batched receive engine's worker.
    internal void OnDatagram(Span<byte> datagram, SocketAddress source)
    {
        if (RtpRtcpDemux.IsRtcp(datagram))
        {
            // RTCP multiplexed on the RTP port (RFC 5761 §4).
            OnRtcp(datagram, source, onRtpSocket: true);
            return;
        }

        if (!RtpHeader.TryParse(datagram, out var header))
        {
            Interlocked.Increment(ref _malformed);
            return;
        }

        if (!IsLatched)
        {
            Latch(source);
        }
        else if (!source.Equals(_remote))
        {
            Interlocked.Increment(ref _unexpectedSource);
            return;
        }

        Interlocked.Increment(ref _received);
        var now = _timeProvider.GetTimestamp();
        Interlocked.Exchange(ref _lastPacketAt, now);
        lock (_statisticsGate)
        {
            // An uncontended Lock costs tens of nanoseconds against ~11 µs of kernel UDP path per packet (DESIGN.md).
            Statistics.Update(header, _timeProvider.GetElapsedTime(_createdAt, now));
            _remoteSsrc = header.Ssrc;
            _hasRemoteSsrc = true;
        }

        Volatile.Read(ref _listener)?.OnPacket(this, datagram, header);
        Volatile.Read(ref _handler)?.OnPacket(this, datagram, header);
    }

    // Symmetric RTP: answer where the packets come from, which is what gets through a NAT.
    private void Latch(SocketAddress source)
    {
        var copy = new SocketAddress(source.Family, source.Size);
        source.Buffer.Span[..source.Size].CopyTo(copy.Buffer.Span);
        var remote = (IPEndPoint)LocalEndPoint.Create(copy);
        RemoteEndPoint = remote;
        IsLatched = true;
        Volatile.Write(ref _remote, copy);
        OnRemoteChanged(remote, latched: true);
    }

    private async Task ReceiveRtcpAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
        var source = new SocketAddress(LocalEndPoint.AddressFamily);
        while (await ReceiveAsync(socket, buffer, source, cancellationToken).ConfigureAwait(false) is var length and >= 0)
        {
            OnRtcp(buffer.AsSpan(0, length), source, onRtpSocket: false);
        }
    }

    // The length received, or -1 once the session is closing.
    private static async ValueTask<int> ReceiveAsync(Socket socket, byte[] buffer, SocketAddress source, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await socket.ReceiveFromAsync(buffer, SocketFlags.None, source, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException
                || e is SocketException { SocketErrorCode: SocketError.OperationAborted })
            {
                // Closing the socket aborts the pending receive: the session is over.
                return -1;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                // An ICMP port-unreachable for an earlier send surfaces on the next receive; the socket is fine.
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
            {
                // A datagram larger than the buffer: not RTP we can use. Dropped; the loop goes on.
            }
        }
    }

    private static uint RandomSsrc() => (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
}

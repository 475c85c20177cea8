using System.Net.Sockets;

namespace Inbox.Media.Transport;

/// <summary>The bound sockets of one media stream: RTP on an even port, RTCP on the next one unless muxed.</summary>
internal sealed class RtpSocketPair : IDisposable
{
    private readonly RtpPortAllocator _owner;
    private int _disposed;

    internal RtpSocketPair(int port, Socket rtp, Socket? rtcp, RtpPortAllocator owner)
    {
        Port = port;
        Rtp = rtp;
        Rtcp = rtcp;
        _owner = owner;
    }

    public int Port { get; }

    public Socket Rtp { get; }

    /// <summary>Null when RTCP is multiplexed on the RTP port (RFC 5761).</summary>
    public Socket? Rtcp { get; }

    /// <summary>Closes the sockets and returns the port to the allocator; safe to call more than once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Rtp.Dispose();
        Rtcp?.Dispose();
        _owner.Release(Port);
    }
}

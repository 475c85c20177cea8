using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Inbox.Media.Transport;

/// <summary>
/// Hands out even UDP ports from the configured range, each proved free by binding it, and takes them back when a
/// stream closes. Ports are reused in first-in, first-out order, so a port rests as long as possible before it
/// carries a new call and late packets of the old one find nobody. Thread-safe.
/// </summary>
internal sealed class RtpPortAllocator
{
    private readonly ConcurrentQueue<int> _free = new();
    private readonly int _capacity;

    public RtpPortAllocator(RtpPortRange range)
    {
        var first = range.FirstPort % 2 == 0 ? range.FirstPort : range.FirstPort + 1;
        for (var port = first; port + 1 <= range.LastPort; port += 2)
        {
            _free.Enqueue(port);
        }

        _capacity = _free.Count;
    }

    /// <summary>Even ports the range holds in all.</summary>
    public int Capacity => _capacity;

    /// <summary>Ports neither handed out nor found busy at their last try.</summary>
    public int Available => _free.Count;

    /// <summary>
    /// Binds a UDP socket on the next free even port of <paramref name="address"/>. With <paramref name="withRtcp"/>
    /// the odd port above it is bound too, for a peer that does not multiplex RTCP (RFC 5761).
    /// A port another process holds is skipped and tried again later; false means the range is exhausted.
    /// </summary>
    public bool TryAllocate(IPAddress address, bool withRtcp, out RtpSocketPair? sockets)
    {
        sockets = null;
        for (var attempts = _free.Count; attempts > 0 && _free.TryDequeue(out var port); attempts--)
        {
            var rtp = TryBind(address, port);
            var rtcp = rtp is not null && withRtcp ? TryBind(address, port + 1) : null;
            if (rtp is not null && (!withRtcp || rtcp is not null))
            {
                sockets = new RtpSocketPair(port, rtp, rtcp, this);
                return true;
            }

            rtp?.Dispose();

            // Busy for now (another process, or a socket still closing): back of the queue.
            _free.Enqueue(port);
        }

        return false;
    }

    internal void Release(int port) => _free.Enqueue(port);

    private static Socket? TryBind(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}

using System.Net.Sockets;

namespace Inbox.CallLoad;

internal static class RtpSockets
{
    /// <summary>A UDP socket with deep buffers: a burst must not be dropped here and counted against the server.</summary>
    public static Socket Create(AddressFamily family) => new(family, SocketType.Dgram, ProtocolType.Udp)
    {
        // The kernel caps these at net.core.rmem_max / wmem_max (4 MiB on the benchmark machine).
        ReceiveBufferSize = 8 << 20,
        SendBufferSize = 8 << 20,
    };
}

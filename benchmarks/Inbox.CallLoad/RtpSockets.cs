using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Inbox.CallLoad;

internal static class RtpSockets
{
    // Linux <asm-generic/socket.h>: like SO_RCVBUF/SO_SNDBUF, but past net.core.rmem_max/wmem_max (CAP_NET_ADMIN).
    private const int SoSndBufForce = 32;
    private const int SoRcvBufForce = 33;
    private const int SolSocket = 1;

    /// <summary>
    /// A UDP socket with deep buffers. One socket here stands for thousands of phones' sockets, and the load generator
    /// shares two cores with the server (and with whatever else runs): when its thread is not scheduled for a while,
    /// the burst must wait in the buffer rather than be dropped and counted as the server's loss.
    /// </summary>
    public static Socket Create(AddressFamily family)
    {
        var socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp)
        {
            // Capped by net.core.rmem_max / wmem_max (4 MiB on the benchmark machine) without the privilege below.
            ReceiveBufferSize = 8 << 20,
            SendBufferSize = 8 << 20,
        };
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // 64 MiB (the kernel doubles it for bookkeeping): about 50,000 loopback datagrams, two seconds of
                // 800 calls' audio in one direction.
                socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(64 << 20));
                socket.SetRawSocketOption(SolSocket, SoSndBufForce, BitConverter.GetBytes(64 << 20));
            }
            catch (SocketException)
            {
                // Not root: the capped sizes above stand.
            }
        }

        return socket;
    }

    /// <summary>A datagram received: its sender's port, its bytes and its address (valid until the handler returns).</summary>
    public delegate void DatagramHandler(int port, Span<byte> datagram, SocketAddress from);

    /// <summary>
    /// Receives on <paramref name="socket"/> until it is closed, handing each datagram to <paramref name="handle"/> on
    /// this thread. Linux reports an earlier send's ICMP port unreachable (a leg the server closed at hang-up) as a
    /// reset on the next call: that datagram is skipped, not counted as a loss.
    /// </summary>
    public static void ReceiveUntilClosed(Socket socket, DatagramHandler handle)
    {
        var buffer = new byte[2048];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (true)
        {
            try
            {
                var length = socket.ReceiveFrom(buffer, SocketFlags.None, from);

                // sockaddr_in: the port is big-endian at bytes 2-3.
                handle(BinaryPrimitives.ReadUInt16BigEndian(from.Buffer.Span[2..]), buffer.AsSpan(0, length), from);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                continue;
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}

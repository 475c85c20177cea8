using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Inbox.CallLoad;

/// <summary>
/// The RTP side of every agent's phone: one UDP socket that the phones' SDP answers name, which sends each packet
/// back to the server leg it came from (so the relay carries both directions) and counts loss on the way in.
/// </summary>
/// <remarks>One thread, blocking calls: this is part of the load generator and should cost as little as it can.</remarks>
internal sealed class RtpEcho : IDisposable
{
    private readonly Socket _socket = RtpSockets.Create(AddressFamily.InterNetwork);

    public RtpEcho(int port)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        new Thread(Run) { IsBackground = true, Name = "rtp-echo" }.Start();
    }

    public RtpLoss Loss { get; } = new();

    public void Dispose() => _socket.Dispose();

    private void Run()
    {
        var buffer = new byte[2048];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (true)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
                _socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, from);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // Linux reports an earlier send's ICMP port unreachable here (a leg closed at hang-up): not a loss.
                continue;
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }

            // sockaddr_in: the port is big-endian at bytes 2-3.
            Loss.Count(BinaryPrimitives.ReadUInt16BigEndian(from.Buffer.Span[2..]), buffer.AsSpan(0, length));
        }
    }
}

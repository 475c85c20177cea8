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

    // Each packet goes back to the leg it came from, then is counted.
    private void Run() => RtpSockets.ReceiveUntilClosed(_socket, (port, datagram, from) =>
    {
        _socket.SendTo(datagram, SocketFlags.None, from);
        Loss.Count(port, datagram);
    });
}

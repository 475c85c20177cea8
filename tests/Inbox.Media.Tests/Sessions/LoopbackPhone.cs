using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Inbox.Media.Rtp;

namespace Inbox.Media.Tests.Sessions;

/// <summary>A plain UDP socket on loopback playing a phone: sends scripted RTP/RTCP and reads what comes back.</summary>
internal sealed class LoopbackPhone : IDisposable
{
    public const int PayloadLength = 160;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public LoopbackPhone() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Sends G.711 packets <paramref name="firstSequence"/>.. (count of them), skipping those <paramref name="drop"/> selects.</summary>
    public async Task SendRtpAsync(IPEndPoint to, uint ssrc, int firstSequence, int count, Func<int, bool>? drop = null)
    {
        for (var i = 0; i < count; i++)
        {
            var sequence = firstSequence + i;
            if (drop?.Invoke(sequence) == true)
            {
                continue;
            }

            await _socket.SendToAsync(Rtp(ssrc, (ushort)sequence, (uint)(sequence * PayloadLength)), to);
        }
    }

    public async Task SendAsync(IPEndPoint to, byte[] datagram) => await _socket.SendToAsync(datagram, to);

    /// <summary>The next datagram, or a failed test after 10 s.</summary>
    public async Task<byte[]> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[2048];
        var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return buffer[..length];
    }

    public static byte[] Rtp(uint ssrc, ushort sequence, uint timestamp)
    {
        var packet = new byte[RtpHeader.FixedLength + PayloadLength];
        new RtpHeader(0, false, sequence, timestamp, ssrc).TryWrite(packet, out _);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(RtpHeader.FixedLength), sequence);
        return packet;
    }

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 10 s.");
            await Task.Delay(10);
        }
    }

    public void Dispose() => _socket.Dispose();
}

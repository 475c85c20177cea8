using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Inbox.RelayLoad;

/// <summary>One simulated phone: sends to its leg of the relay and measures what comes back from the other leg.</summary>
internal sealed class Phone : IDisposable
{
    // Every tenth packet is timed: enough samples for percentiles without the list dominating the run.
    private const int SampleEvery = 10;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _relay;
    private readonly uint _ssrc = (uint)Random.Shared.Next();

    public Phone(IPEndPoint relay)
    {
        _relay = relay;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveBufferSize = 1 << 20;
    }

    public long Received { get; private set; }

    public void ResetCounters()
    {
        Received = 0;
        LatenciesMicroseconds.Clear();
    }

    public List<double> LatenciesMicroseconds { get; } = [];

    public void Send(byte[] packet, ushort sequence)
    {
        packet[0] = 0x80;
        packet[1] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)sequence * 160);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), _ssrc);
        BinaryPrimitives.WriteInt64LittleEndian(packet.AsSpan(12), Stopwatch.GetTimestamp());
        _socket.SendTo(packet, _relay);
    }

    public async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[2048];
        try
        {
            while (true)
            {
                var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (length < 20)
                {
                    continue;
                }

                if (Received++ % SampleEvery == 0)
                {
                    var sentAt = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(12));
                    LatenciesMicroseconds.Add(Stopwatch.GetElapsedTime(sentAt).TotalMicroseconds);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose() => _socket.Dispose();
}

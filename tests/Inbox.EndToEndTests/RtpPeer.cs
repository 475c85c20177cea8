using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Inbox.EndToEndTests;

/// <summary>
/// A media end point that both sends and receives: a loopback UDP socket whose port goes into a SIPp scenario's SDP.
/// It learns the server's address for its leg from the first packet it receives (the server sends from the port it
/// announced: symmetric RTP), then sends a 20 ms PCMU packet there every tick, each payload filled with its own
/// <see cref="Marker"/> byte so the other side can tell relayed packets from anything else (e.g. hold music).
/// </summary>
internal sealed class RtpPeer : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte _otherMarker;
    private readonly Task _receiving;
    private readonly Task _sending;
    private volatile IPEndPoint? _server;
    private readonly int[] _byMarker = new int[256];
    private int _packets;
    private int _fromOther;
    private int _sent;

    /// <param name="marker">The byte this peer fills its payloads with.</param>
    /// <param name="otherMarker">The byte the peer at the other end of the bridge fills its payloads with.</param>
    public RtpPeer(byte marker, byte otherMarker)
    {
        Marker = marker;
        _otherMarker = otherMarker;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _receiving = ReceiveAsync();
        _sending = SendAsync();
    }

    public int Port { get; }

    public byte Marker { get; }

    /// <summary>Where the server's packets for this leg came from, once one has: where this peer sends.</summary>
    public IPEndPoint? Server => _server;

    /// <summary>Every packet received, hold music included.</summary>
    public int Packets => Volatile.Read(ref _packets);

    /// <summary>Packets whose whole payload is the other peer's marker: relayed through the bridge.</summary>
    public int FromOther => Volatile.Read(ref _fromOther);

    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Packets whose whole payload is <paramref name="marker"/>: from whichever peer fills with it.</summary>
    public int FromOtherMarker(byte marker) => Volatile.Read(ref _byMarker[marker]);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        foreach (var task in (Task[])[_receiving, _sending])
        {
            try
            {
                await task;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        }

        _stop.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[2048];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            if (received.ReceivedBytes < 12 + 160)
            {
                continue;
            }

            _server ??= (IPEndPoint)received.RemoteEndPoint;
            Interlocked.Increment(ref _packets);
            var payload = buffer.AsSpan(12, received.ReceivedBytes - 12);
            if (payload.IndexOfAnyExcept(payload[0]) < 0)
            {
                Interlocked.Increment(ref _byMarker[payload[0]]);
                if (payload[0] == _otherMarker)
                {
                    Interlocked.Increment(ref _fromOther);
                }
            }
        }
    }

    private async Task SendAsync()
    {
        var packet = new byte[12 + 160];
        packet[0] = 0x80; // RTP version 2
        packet[1] = 0; // PCMU
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), (uint)Random.Shared.Next());
        packet.AsSpan(12).Fill(Marker);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        ushort sequence = (ushort)Random.Shared.Next();
        var timestamp = (uint)Random.Shared.Next();
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            if (_server is not { } server)
            {
                continue;
            }

            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence++);
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
            timestamp += 160;
            await _socket.SendToAsync(packet, SocketFlags.None, server, _stop.Token);
            Interlocked.Increment(ref _sent);
        }
    }
}

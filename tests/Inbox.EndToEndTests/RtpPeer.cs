using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Inbox.EndToEndTests;

/// <summary>
/// A media end point that both sends and receives: a loopback UDP socket whose port goes into a SIPp scenario's SDP.
/// It learns the server's address for its leg from the first packet it receives (the server sends from the port it
/// announced: symmetric RTP), then sends a 20 ms G.711 packet (PCMU unless told PCMA) there every tick, each payload filled with its own
/// <see cref="Marker"/> byte so the other side can tell relayed packets from anything else (e.g. hold music), or
/// a sine at <see cref="ToneHertz"/> in its law. It can press keys (RFC 4733 events, payload type 101, in place of its audio) and
/// notes the keys the server sends it the same way.
/// </summary>
internal sealed class RtpPeer : IAsyncDisposable
{
    private const int TelephoneEvent = 101;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte _otherMarker;
    private readonly byte _payloadType;
    private readonly Task _receiving;
    private readonly Task _sending;
    private readonly System.Collections.Concurrent.ConcurrentQueue<char> _keysToPress = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<char> _keysReceived = new();
    private volatile int _toneHertz;
    private uint _lastEventTimestamp;
    private volatile IPEndPoint? _server;
    private volatile ToneCapture? _capture;
    private readonly int[] _byMarker = new int[256];
    private int _packets;
    private int _fromOther;
    private int _sent;

    /// <param name="marker">The byte this peer fills its payloads with.</param>
    /// <param name="otherMarker">The byte the peer at the other end of the bridge fills its payloads with.</param>
    /// <param name="payloadType">The G.711 law it sends and decodes: <see cref="G711.Pcmu"/> or <see cref="G711.Pcma"/>, as its SDP says.</param>
    public RtpPeer(byte marker, byte otherMarker, byte payloadType = G711.Pcmu)
    {
        Marker = marker;
        _otherMarker = otherMarker;
        _payloadType = payloadType;
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

    /// <summary>When set, the payloads are a sine at this frequency instead of the marker.</summary>
    public int ToneHertz
    {
        get => _toneHertz;
        set => _toneHertz = value;
    }

    /// <summary>When set, every payload the server sends in this peer's law is decoded into it (for the tones it carries).</summary>
    public ToneCapture? Capture
    {
        get => _capture;
        set => _capture = value;
    }

    /// <summary>The keys the server sent as telephone events, each once, in order.</summary>
    public string KeysReceived => string.Concat(_keysReceived);

    /// <summary>Presses a key: 100 ms of RFC 4733 events in place of the audio, from the next tick.</summary>
    public void Press(char key) => _keysToPress.Enqueue(key);

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
            OnEvent(buffer.AsSpan(0, received.ReceivedBytes));
            if (received.ReceivedBytes < 12 + 160)
            {
                continue;
            }

            _server ??= (IPEndPoint)received.RemoteEndPoint;
            Interlocked.Increment(ref _packets);
            var payload = buffer.AsSpan(12, received.ReceivedBytes - 12);
            if ((buffer[1] & 0x7F) == _payloadType)
            {
                _capture?.Add(payload, _payloadType);
            }

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

    // RFC 4733 §2.3: event code, E bit, volume, duration. Each event counts once, at its first end packet.
    private void OnEvent(ReadOnlySpan<byte> packet)
    {
        if (packet.Length == 16 && (packet[1] & 0x7F) == TelephoneEvent && (packet[13] & 0x80) != 0 && packet[12] <= 11)
        {
            var timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
            if (timestamp != _lastEventTimestamp)
            {
                _lastEventTimestamp = timestamp;
                _keysReceived.Enqueue(packet[12] switch { 10 => '*', 11 => '#', var code => (char)('0' + code) });
            }
        }
    }

    private async Task SendAsync()
    {
        var packet = new byte[12 + 160];
        packet[0] = 0x80; // RTP version 2
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), (uint)Random.Shared.Next());
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        ushort sequence = (ushort)Random.Shared.Next();
        var timestamp = (uint)Random.Shared.Next();
        var samples = 0L;
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            if (_server is not { } server)
            {
                continue;
            }

            if (_keysToPress.TryDequeue(out var key))
            {
                sequence = await PressAsync(key, server, packet, sequence, timestamp, timer);
                timestamp += 5 * 160;
                continue;
            }

            packet[1] = _payloadType;
            FillAudio(packet.AsSpan(12), ref samples);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence++);
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
            timestamp += 160;
            await _socket.SendToAsync(packet, SocketFlags.None, server, _stop.Token);
            Interlocked.Increment(ref _sent);
        }
    }

    private void FillAudio(Span<byte> payload, ref long samples)
    {
        var hertz = _toneHertz;
        if (hertz == 0)
        {
            payload.Fill(Marker);
            return;
        }

        for (var i = 0; i < payload.Length; i++, samples++)
        {
            payload[i] = G711.Encode(_payloadType, (short)(8000 * Math.Sin(2 * Math.PI * hertz * samples / 8000)));
        }
    }

    // Five packets 20 ms apart (the marker on the first), the last one with the E bit, then two more end packets.
    private async Task<ushort> PressAsync(char key, IPEndPoint server, byte[] buffer, ushort sequence, uint timestamp, PeriodicTimer timer)
    {
        var packet = buffer.AsMemory(0, 16);
        var code = key switch { '*' => 10, '#' => 11, _ => key - '0' };
        for (var i = 1; i <= 7; i++)
        {
            var end = i >= 5;
            buffer[1] = (byte)((i == 1 ? 0x80 : 0) | TelephoneEvent);
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), sequence++);
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), timestamp);
            buffer[12] = (byte)code;
            buffer[13] = (byte)((end ? 0x80 : 0) | 10);
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(14), (ushort)(Math.Min(i, 5) * 160));
            await _socket.SendToAsync(packet, SocketFlags.None, server, _stop.Token);
            if (i < 5)
            {
                await timer.WaitForNextTickAsync(_stop.Token);
            }
        }

        return sequence;
    }
}

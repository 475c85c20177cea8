using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Inbox.EndToEndTests;

/// <summary>
/// The caller's media end point in a SIPp call: a loopback UDP socket whose port goes into the scenario's SDP
/// (<c>-key rtp_port</c>), recording what the server sends: packet count, payload types, RTP timestamp steps and how much of
/// the G.711 µ-law audio is above silence.
/// </summary>
internal sealed class RtpListener : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private readonly HashSet<int> _payloadTypes = [];

    private readonly HashSet<long> _timestampSteps = [];
    private (ushort Sequence, uint Timestamp)? _previous;

    public RtpListener()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _receiving = ReceiveAsync();
    }

    public int Port { get; }

    public int Packets { get; private set; }

    /// <summary>Payload samples whose µ-law magnitude is above the quietest few steps.</summary>
    public int AudibleSamples { get; private set; }

    public int PayloadSamples { get; private set; }

    public IReadOnlyCollection<int> PayloadTypes => _payloadTypes;

    /// <summary>
    /// RTP timestamp advance per sequence number, each distinct value seen: 160 for 20 ms frames at 8 kHz, whatever
    /// the scheduling of the sender or of this machine.
    /// </summary>
    public IReadOnlyCollection<long> TimestampSteps => _timestampSteps;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _receiving;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[2048];
        while (!_stop.IsCancellationRequested)
        {
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (length < 12)
            {
                continue;
            }

            Packets++;

            _payloadTypes.Add(buffer[1] & 0x7F);
            var sequence = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(2));
            var timestamp = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(4));
            if (_previous is var (lastSequence, lastTimestamp) && (ushort)(sequence - lastSequence) is var gap and > 0)
            {
                _timestampSteps.Add((uint)(timestamp - lastTimestamp) / gap);
            }

            _previous = (sequence, timestamp);
            for (var i = 12; i < length; i++)
            {
                // µ-law stores the inverted magnitude: 0xFF/0x7F are zero, low 7 bits above 0x70 are near silence.
                PayloadSamples++;
                AudibleSamples += (~buffer[i] & 0x7F) > 0x0F ? 1 : 0;
            }
        }
    }
}

using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Inbox.CallLoad;

/// <summary>
/// The RTP side of every caller: one UDP socket that the callers' SDP offers name. The server starts hold music to it
/// as soon as it answers a call, so a packet from a new server port is a new call: from then on this sends the call
/// a 20 ms PCMA packet every 20 ms (symmetric RTP: the server's leg latches to this socket), until the server stops
/// sending for half a second (the call ended). Counts loss of what the server sends: hold music, then the agent's
/// echo through the relay.
/// </summary>
/// <remarks>
/// sipp's own rtp_stream (3.6.1) sends every call from its one media port and never reads that port, so the return
/// direction could only be counted as kernel drops; this is why the callers' media is here and sipp does only SIP.
/// Calls are spread over the 20 ms frame by when they start, one slot per millisecond.
/// </remarks>
internal sealed class CallerMedia : IDisposable
{
    private const int Slots = 20;
    private const int PacketSize = 12 + 160;
    private static readonly long s_idle = Stopwatch.Frequency / 2;

    private readonly Socket _socket = RtpSockets.Create(AddressFamily.InterNetwork);
    private readonly System.Collections.Concurrent.ConcurrentQueue<int> _started = new();
    private readonly bool[] _active = new bool[65536];
    private long _sent;
    private long _calls;

    public CallerMedia(int port)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        new Thread(Receive) { IsBackground = true, Name = "caller-rtp-receive" }.Start();
        new Thread(Send) { IsBackground = true, Name = "caller-rtp-send" }.Start();
    }

    public RtpLoss Loss { get; } = new();

    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Calls whose media this has started, since it started.</summary>
    public long Calls => Volatile.Read(ref _calls);

    public void Dispose() => _socket.Dispose();

    private void Receive() => RtpSockets.ReceiveUntilClosed(_socket, (port, datagram, _) =>
    {
        var known = Loss.LastSeen(port) > Stopwatch.GetTimestamp() - s_idle;
        Loss.Count(port, datagram);
        if (!known)
        {
            _started.Enqueue(port);
        }
    });

    private void Send()
    {
        var slots = new List<Call>[Slots];
        for (var i = 0; i < Slots; i++)
        {
            slots[i] = [];
        }

        var packet = new byte[PacketSize];
        packet.AsSpan(12).Fill(0xD5); // A-law silence: the relay does not look at the payload.
        var clock = Stopwatch.StartNew();
        var done = 0L; // milliseconds handled
        while (true)
        {
            while (_started.TryDequeue(out var port))
            {
                if (!_active[port])
                {
                    _active[port] = true;
                    slots[(int)(done % Slots)].Add(new Call(port, (uint)Random.Shared.Next()));
                    Volatile.Write(ref _calls, _calls + 1);
                }
            }

            // Behind by more than a frame (the load generator was starved): skip, rather than burst to catch up.
            var now = clock.ElapsedMilliseconds;
            done = Math.Max(done, now - Slots);
            for (; done < now; done++)
            {
                var slot = slots[(int)(done % Slots)];
                for (var i = slot.Count - 1; i >= 0; i--)
                {
                    var call = slot[i];
                    if (Loss.LastSeen(call.Port) < Stopwatch.GetTimestamp() - s_idle)
                    {
                        _active[call.Port] = false;
                        slot.RemoveAt(i);
                        continue;
                    }

                    if (!Send(call, packet))
                    {
                        return;
                    }
                }
            }

            Thread.Sleep(1);
        }
    }

    private bool Send(Call call, byte[] packet)
    {
        // RFC 3550 §5.1 fixed header: V=2, PT 8 (PCMA), marker on the first packet; 160 samples a packet.
        packet[0] = 0x80;
        packet[1] = (byte)(call.Sequence == 0 ? 0x88 : 0x08);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), call.Sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), call.Sequence * 160u);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), call.Ssrc);
        call.Sequence++;
        try
        {
            _socket.SendTo(packet, SocketFlags.None, call.Address);
            Volatile.Write(ref _sent, _sent + 1);
        }
        catch (SocketException)
        {
            // ICMP port unreachable from an earlier send (the leg closed) or a full buffer: the packet is lost here,
            // not in the server, and the call ends within half a second.
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        return true;
    }

    private sealed class Call(int port, uint ssrc)
    {
        public int Port { get; } = port;

        public uint Ssrc { get; } = ssrc;

        public SocketAddress Address { get; } = new IPEndPoint(IPAddress.Loopback, port).Serialize();

        public ushort Sequence { get; set; }
    }
}

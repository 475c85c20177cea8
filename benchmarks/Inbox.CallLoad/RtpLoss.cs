using System.Buffers.Binary;
using System.Diagnostics;

namespace Inbox.CallLoad;

/// <summary>
/// Loss of the RTP streams one socket receives from the server's legs, one stream per leg (source port) and SSRC,
/// counted as RFC 3550 A.3 does: expected is the extended highest sequence number minus the first plus one, lost is
/// expected minus received. The server numbers each leg's packets in one continuous run, so a gap is a packet the
/// server or the kernel dropped. Packets still in flight when a call ends leave no gap and are not counted.
/// </summary>
/// <remarks>Written by one receive thread; the totals are read from any thread.</remarks>
internal sealed class RtpLoss
{
    // RFC 3550 A.1: ahead by less than this is in order (with a gap if more than one)...
    private const int MaxDropout = 3000;

    // ...a little behind is a late or duplicate packet, anything else a new stream on a reused port.
    private const int MaxMisorder = 100;

    private readonly Stream[] _streams = new Stream[65536];
    private readonly long[] _lastSeen = new long[65536];
    private long _received;
    private long _expected;

    public long Received => Volatile.Read(ref _received);

    public long Expected => Volatile.Read(ref _expected);

    /// <summary>When a packet last came from <paramref name="port"/>, in <see cref="Stopwatch"/> ticks; 0 if never.</summary>
    public long LastSeen(int port) => Volatile.Read(ref _lastSeen[port]);

    /// <summary>Server legs that sent a packet within the last <paramref name="window"/>: the calls with media now.</summary>
    public int ActiveLegs(TimeSpan window)
    {
        var since = Stopwatch.GetTimestamp() - (long)(window.TotalSeconds * Stopwatch.Frequency);
        var count = 0;
        for (var port = 0; port < _lastSeen.Length; port++)
        {
            if (Volatile.Read(ref _lastSeen[port]) > since)
            {
                count++;
            }
        }

        return count;
    }

    public void Count(int port, ReadOnlySpan<byte> packet)
    {
        // RFC 3550 §5.1: version 2, at least the 12-byte fixed header.
        if (packet.Length < 12 || packet[0] >> 6 != 2)
        {
            return;
        }

        var sequence = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        ref var stream = ref _streams[port];
        Volatile.Write(ref _lastSeen[port], Stopwatch.GetTimestamp());
        Volatile.Write(ref _received, _received + 1);
        var delta = (ushort)(sequence - stream.Highest);
        if (stream.Open && stream.Ssrc == ssrc && delta is > 0 and < MaxDropout)
        {
            stream.Highest = sequence;
            Volatile.Write(ref _expected, _expected + delta);
        }
        else if (!stream.Open || stream.Ssrc != ssrc || (delta != 0 && delta <= ushort.MaxValue - MaxMisorder))
        {
            stream = new Stream { Open = true, Ssrc = ssrc, Highest = sequence };
            Volatile.Write(ref _expected, _expected + 1);
        }
    }

    private struct Stream
    {
        public bool Open;
        public uint Ssrc;
        public ushort Highest;
    }
}

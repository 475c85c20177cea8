using System.Buffers.Binary;

namespace Inbox.Media.Rtcp;

/// <summary>
/// An extended report packet (RFC 3611 §2): sender SSRC and report blocks of any type, validated on parse. A view
/// over the packet bytes, valid while they are.
/// </summary>
internal readonly ref struct RtcpXrPacket
{
    private const int BlocksOffset = RtcpHeader.Length + 4;

    private readonly ReadOnlySpan<byte> _blocks;

    private RtcpXrPacket(uint ssrc, ReadOnlySpan<byte> blocks)
    {
        Ssrc = ssrc;
        _blocks = blocks;
    }

    /// <summary>SSRC of the packet's originator.</summary>
    public uint Ssrc { get; }

    /// <summary>Enumerates the report blocks in order; unknown types are returned for the caller to skip.</summary>
    public RtcpXrBlockEnumerator GetEnumerator() => new(_blocks);

    /// <summary>Finds the first VoIP Metrics block (type 7).</summary>
    /// <returns>False when there is none or it is malformed.</returns>
    public bool TryGetVoipMetrics(out RtcpVoipMetricsBlock metrics)
    {
        foreach (var block in this)
        {
            if (block.BlockType == RtcpVoipMetricsBlock.BlockType)
            {
                return RtcpVoipMetricsBlock.TryParse(block.Data, out metrics);
            }
        }

        metrics = default;
        return false;
    }

    /// <summary>Parses one XR packet and checks that its blocks fill it exactly. Never throws.</summary>
    /// <returns>False when the header is invalid, the type is not XR, or a block length does not fit.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtcpXrPacket xr)
    {
        xr = default;
        if (!RtcpHeader.TryParse(packet, out var header) || header.PacketType != RtcpPacketType.ExtendedReport
            || header.ContentLength < BlocksOffset)
        {
            return false;
        }

        var blocks = packet[BlocksOffset..header.ContentLength];
        var remaining = blocks;
        while (!remaining.IsEmpty)
        {
            if (!RtcpXrBlock.TryRead(remaining, out var block))
            {
                return false;
            }

            remaining = remaining[block.Data.Length..];
        }

        xr = new RtcpXrPacket(BinaryPrimitives.ReadUInt32BigEndian(packet[4..]), blocks);
        return true;
    }

    /// <summary>Writes an XR packet holding one VoIP Metrics block (44 bytes).</summary>
    /// <returns>False when <paramref name="destination"/> is too short.</returns>
    public static bool TryWriteVoipMetrics(Span<byte> destination, uint ssrc, in RtcpVoipMetricsBlock metrics, out int written)
    {
        written = 0;
        const int length = BlocksOffset + RtcpVoipMetricsBlock.Length;
        if (destination.Length < length)
        {
            return false;
        }

        // RFC 3611 §2: the 5 bits after P are reserved and sent as zero.
        new RtcpHeader(RtcpPacketType.ExtendedReport, 0, length).TryWrite(destination, out _);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        metrics.TryWrite(destination[BlocksOffset..], out _);
        written = length;
        return true;
    }
}

using System.Buffers.Binary;

namespace Inbox.Media.Rtcp;

/// <summary>
/// A goodbye packet (RFC 3550 §6.6): the sources leaving and an optional UTF-8 reason. A view over the packet bytes,
/// valid while they are.
/// </summary>
internal readonly ref struct RtcpByePacket
{
    private readonly ReadOnlySpan<byte> _sources;

    private RtcpByePacket(ReadOnlySpan<byte> sources, ReadOnlySpan<byte> reason)
    {
        _sources = sources;
        Reason = reason;
    }

    /// <summary>Number of SSRC/CSRC identifiers (the SC field), 0–31.</summary>
    public int SourceCount => _sources.Length / 4;

    /// <summary>The reason for leaving as UTF-8; empty when absent.</summary>
    public ReadOnlySpan<byte> Reason { get; }

    /// <summary>The identifier at <paramref name="index"/> (0-based, below <see cref="SourceCount"/>).</summary>
    public uint GetSource(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SourceCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_sources.Slice(index * 4, 4));
    }

    /// <summary>Parses one BYE packet. Never throws.</summary>
    /// <returns>False when the header is invalid, the type is not BYE, or the sources or reason run past the packet's length.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtcpByePacket bye)
    {
        bye = default;
        if (!RtcpHeader.TryParse(packet, out var header) || header.PacketType != RtcpPacketType.Goodbye)
        {
            return false;
        }

        var sourcesEnd = RtcpHeader.Length + (header.Count * 4);
        if (sourcesEnd > header.ContentLength)
        {
            return false;
        }

        var reason = ReadOnlySpan<byte>.Empty;
        if (sourcesEnd < header.ContentLength)
        {
            // RFC 3550 §6.6: an optional length octet and text, padded to 32 bits with null octets.
            var reasonLength = packet[sourcesEnd];
            if (sourcesEnd + 1 + reasonLength > header.ContentLength)
            {
                return false;
            }

            reason = packet.Slice(sourcesEnd + 1, reasonLength);
        }

        bye = new RtcpByePacket(packet[RtcpHeader.Length..sourcesEnd], reason);
        return true;
    }

    /// <summary>Writes a BYE for up to 31 sources with an optional reason (at most 255 UTF-8 bytes; empty for none).</summary>
    /// <returns>False when an argument is out of range or <paramref name="destination"/> is too short.</returns>
    public static bool TryWrite(Span<byte> destination, ReadOnlySpan<uint> sources, ReadOnlySpan<byte> reason, out int written)
    {
        written = 0;
        var sourcesEnd = RtcpHeader.Length + (sources.Length * 4);
        var length = reason.IsEmpty ? sourcesEnd : (sourcesEnd + 1 + reason.Length + 3) & ~3;
        if (sources.Length > RtcpHeader.MaxCount || reason.Length > byte.MaxValue || destination.Length < length)
        {
            return false;
        }

        new RtcpHeader(RtcpPacketType.Goodbye, sources.Length, length).TryWrite(destination, out _);
        for (var i = 0; i < sources.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(RtcpHeader.Length + (i * 4))..], sources[i]);
        }

        if (!reason.IsEmpty)
        {
            destination[sourcesEnd] = (byte)reason.Length;
            reason.CopyTo(destination[(sourcesEnd + 1)..]);
            destination[(sourcesEnd + 1 + reason.Length)..length].Clear();
        }

        written = length;
        return true;
    }
}

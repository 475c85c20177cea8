using System.Buffers.Binary;

namespace Inbox.Media.Rtcp;

/// <summary>
/// The 4-byte common header of one RTCP packet (RFC 3550 §6.4.1): version, padding, a 5-bit count (report blocks,
/// chunks or sources, by packet type), packet type and length. Immutable; lengths are in bytes.
/// </summary>
internal readonly struct RtcpHeader
{
    /// <summary>Length in bytes of the common header.</summary>
    public const int Length = 4;

    /// <summary>Largest value of the 5-bit count field.</summary>
    public const int MaxCount = 31;

    /// <summary>Largest packet the 16-bit length field can describe, in bytes.</summary>
    public const int MaxPacketLength = (ushort.MaxValue + 1) * 4;

    private readonly byte _first;

    /// <summary>Creates a header for writing: version 2, no padding.</summary>
    /// <param name="packetType">Packet type.</param>
    /// <param name="count">The 5-bit count field, 0–31.</param>
    /// <param name="packetLength">Whole packet length in bytes including this header; a multiple of 4, at least 4.</param>
    public RtcpHeader(RtcpPacketType packetType, int count, int packetLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(packetLength, Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(packetLength, MaxPacketLength);
        if (packetLength % 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(packetLength), packetLength, "RTCP packets are whole 32-bit words.");
        }

        _first = (byte)(0x80 | count);
        PacketType = packetType;
        PacketLength = packetLength;
    }

    private RtcpHeader(byte first, RtcpPacketType packetType, int packetLength, int paddingLength)
    {
        _first = first;
        PacketType = packetType;
        PacketLength = packetLength;
        PaddingLength = paddingLength;
    }

    /// <summary>Version; always 2 for a parsed header.</summary>
    public int Version => _first >> 6;

    /// <summary>The P bit: the packet ends with <see cref="PaddingLength"/> bytes of padding.</summary>
    public bool HasPadding => (_first & 0x20) != 0;

    /// <summary>The 5-bit count: report blocks (SR, RR), chunks (SDES), sources (BYE) or subtype (APP).</summary>
    public int Count => _first & 0x1F;

    /// <summary>Packet type; values outside <see cref="RtcpPacketType"/>'s names are legal and should be skipped.</summary>
    public RtcpPacketType PacketType { get; }

    /// <summary>Whole packet length in bytes: (length field + 1) × 4, header and padding included.</summary>
    public int PacketLength { get; }

    /// <summary>Padding bytes at the end, the count byte included; 0 without padding.</summary>
    public int PaddingLength { get; }

    /// <summary>Packet length without padding, header included.</summary>
    public int ContentLength => PacketLength - PaddingLength;

    /// <summary>Parses the header at the start of <paramref name="data"/>. Never throws.</summary>
    /// <returns>False when fewer than 4 bytes, the version is not 2, the length runs past the data, or the padding count is 0 or too large.</returns>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpHeader header)
    {
        header = default;
        if (data.Length < Length || data[0] >> 6 != 2)
        {
            return false;
        }

        var packetLength = (BinaryPrimitives.ReadUInt16BigEndian(data.Slice(2, 2)) + 1) * 4;
        if (packetLength > data.Length)
        {
            return false;
        }

        var padding = 0;
        if ((data[0] & 0x20) != 0)
        {
            // RFC 3550 §6.4.1: the last octet of the packet counts the padding octets, itself included.
            padding = data[packetLength - 1];
            if (padding == 0 || padding > packetLength - Length)
            {
                return false;
            }
        }

        header = new RtcpHeader(data[0], (RtcpPacketType)data[1], packetLength, padding);
        return true;
    }

    /// <summary>Writes the 4-byte header.</summary>
    /// <returns>False, writing nothing, when <paramref name="destination"/> is shorter than 4 bytes.</returns>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        if (destination.Length < Length)
        {
            written = 0;
            return false;
        }

        destination[0] = _first;
        destination[1] = (byte)PacketType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((PacketLength / 4) - 1));
        written = Length;
        return true;
    }
}

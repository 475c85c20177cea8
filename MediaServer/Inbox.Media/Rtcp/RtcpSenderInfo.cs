using System.Buffers.Binary;

namespace Inbox.Media.Rtcp;

/// <summary>The 20-byte sender information section of an SR (RFC 3550 §6.4.1). Immutable.</summary>
/// <param name="NtpTimestamp">Wallclock time the report was sent, 64-bit NTP format.</param>
/// <param name="RtpTimestamp">The same instant in the sender's RTP clock units.</param>
/// <param name="PacketCount">RTP data packets sent since the start of transmission.</param>
/// <param name="OctetCount">RTP payload octets sent since the start of transmission.</param>
internal readonly record struct RtcpSenderInfo(NtpTimestamp NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    /// <summary>Length in bytes on the wire.</summary>
    public const int Length = 20;

    /// <summary>Reads the section from the first 20 bytes of <paramref name="data"/>. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpSenderInfo info)
    {
        if (data.Length < Length)
        {
            info = default;
            return false;
        }

        var bytes = data[..Length];
        info = new RtcpSenderInfo(
            new NtpTimestamp(BinaryPrimitives.ReadUInt64BigEndian(bytes)),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]));
        return true;
    }

    /// <summary>Writes the 20-byte section.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        if (destination.Length < Length)
        {
            written = 0;
            return false;
        }

        var bytes = destination[..Length];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, NtpTimestamp.Value);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[8..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[12..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[16..], OctetCount);
        written = Length;
        return true;
    }
}

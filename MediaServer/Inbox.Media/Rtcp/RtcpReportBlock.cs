using System.Buffers.Binary;

namespace Inbox.Media.Rtcp;

/// <summary>
/// One reception report block of an SR or RR (RFC 3550 §6.4.1), 24 bytes on the wire. Immutable.
/// </summary>
internal readonly struct RtcpReportBlock
{
    /// <summary>Length in bytes on the wire.</summary>
    public const int Length = 24;

    /// <summary>Largest cumulative loss the signed 24-bit field carries.</summary>
    public const int MaxCumulativeLost = 0x7FFFFF;

    /// <summary>Smallest cumulative loss the signed 24-bit field carries.</summary>
    public const int MinCumulativeLost = -0x800000;

    /// <summary>Creates a report block; <paramref name="cumulativeLost"/> is clamped to the signed 24-bit range.</summary>
    /// <param name="ssrc">SSRC of the source reported on.</param>
    /// <param name="fractionLost">Fraction lost in the interval, in 1/256 units.</param>
    /// <param name="cumulativeLost">Packets lost since reception began; negative when duplicates outnumber losses.</param>
    /// <param name="extendedHighestSequence">Extended highest sequence number received.</param>
    /// <param name="jitter">Interarrival jitter in RTP timestamp units.</param>
    /// <param name="lastSenderReport">LSR: middle 32 bits of the NTP timestamp of the last SR received; 0 if none.</param>
    /// <param name="delaySinceLastSenderReport">DLSR: delay since that SR in 1/65536 s; 0 if none.</param>
    public RtcpReportBlock(
        uint ssrc, byte fractionLost, long cumulativeLost, uint extendedHighestSequence, uint jitter,
        uint lastSenderReport, uint delaySinceLastSenderReport)
    {
        Ssrc = ssrc;
        FractionLost = fractionLost;
        CumulativeLost = (int)Math.Clamp(cumulativeLost, MinCumulativeLost, MaxCumulativeLost);
        ExtendedHighestSequence = extendedHighestSequence;
        Jitter = jitter;
        LastSenderReport = lastSenderReport;
        DelaySinceLastSenderReport = delaySinceLastSenderReport;
    }

    /// <summary>SSRC of the source reported on.</summary>
    public uint Ssrc { get; }

    /// <summary>Fraction lost since the previous report, in 1/256 units.</summary>
    public byte FractionLost { get; }

    /// <summary>Cumulative packets lost, signed 24-bit.</summary>
    public int CumulativeLost { get; }

    /// <summary>Extended highest sequence number received (cycles in the high 16 bits).</summary>
    public uint ExtendedHighestSequence { get; }

    /// <summary>Interarrival jitter in RTP timestamp units.</summary>
    public uint Jitter { get; }

    /// <summary>LSR: middle 32 bits of the NTP timestamp of the last SR from this source; 0 if none.</summary>
    public uint LastSenderReport { get; }

    /// <summary>DLSR: delay between receiving that SR and sending this block, in 1/65536 s; 0 if none.</summary>
    public uint DelaySinceLastSenderReport { get; }

    /// <summary>Reads a block from the first 24 bytes of <paramref name="data"/>. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpReportBlock block)
    {
        if (data.Length < Length)
        {
            block = default;
            return false;
        }

        var bytes = data[..Length];
        var lossWord = BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]);
        block = new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(bytes),
            (byte)(lossWord >> 24),
            (int)(lossWord << 8) >> 8, // sign-extend the 24-bit field
            BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]));
        return true;
    }

    /// <summary>Writes the 24-byte block.</summary>
    /// <returns>False, writing nothing, when <paramref name="destination"/> is too short.</returns>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        if (destination.Length < Length)
        {
            written = 0;
            return false;
        }

        var bytes = destination[..Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[4..], ((uint)FractionLost << 24) | ((uint)CumulativeLost & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(bytes[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[20..], DelaySinceLastSenderReport);
        written = Length;
        return true;
    }
}

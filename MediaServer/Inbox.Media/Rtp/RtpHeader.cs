using System.Buffers.Binary;

namespace Inbox.Media.Rtp;

/// <summary>
/// The parsed fixed header of an RTP packet (RFC 3550 §5.1) with the offsets of its CSRC list, header extension and
/// payload inside the packet it was parsed from.
/// </summary>
/// <remarks>
/// A value type holding no reference to the packet: members that expose bytes take the same packet span again.
/// Offsets and lengths are in bytes; the timestamp is in RTP clock units. Immutable, so safe to share across threads.
/// </remarks>
internal readonly partial struct RtpHeader
{
    /// <summary>Length in bytes of the fixed header (RFC 3550 §5.1).</summary>
    public const int FixedLength = 12;

    /// <summary>The only RTP version this parser accepts.</summary>
    public const int SupportedVersion = 2;

    /// <summary>Largest CSRC count the 4-bit CC field can carry.</summary>
    public const int MaxCsrcCount = 15;

    private readonly byte _flags;
    private readonly byte _markerAndType;

    /// <summary>Creates a header for writing: version 2, no padding, no extension, no CSRC.</summary>
    /// <param name="payloadType">Payload type, 0–127.</param>
    /// <param name="marker">The marker bit.</param>
    /// <param name="sequenceNumber">Sequence number.</param>
    /// <param name="timestamp">Timestamp in RTP clock units.</param>
    /// <param name="ssrc">Synchronization source identifier.</param>
    public RtpHeader(byte payloadType, bool marker, ushort sequenceNumber, uint timestamp, uint ssrc)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, (byte)127);
        _flags = SupportedVersion << 6;
        _markerAndType = (byte)((marker ? 0x80 : 0) | payloadType);
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Ssrc = ssrc;
        PayloadOffset = FixedLength;
    }

    private RtpHeader(
        byte flags, byte markerAndType, ushort sequenceNumber, uint timestamp, uint ssrc,
        ushort extensionProfile, int extensionLength, int payloadOffset, int payloadLength, int paddingLength)
    {
        _flags = flags;
        _markerAndType = markerAndType;
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Ssrc = ssrc;
        ExtensionProfile = extensionProfile;
        ExtensionLength = extensionLength;
        PayloadOffset = payloadOffset;
        PayloadLength = payloadLength;
        PaddingLength = paddingLength;
    }

    /// <summary>RTP version from the first two bits; always 2 for a parsed header.</summary>
    public int Version => _flags >> 6;

    /// <summary>The P bit: the packet ends with <see cref="PaddingLength"/> bytes of padding.</summary>
    public bool HasPadding => (_flags & 0x20) != 0;

    /// <summary>The X bit: a header extension follows the CSRC list.</summary>
    public bool HasExtension => (_flags & 0x10) != 0;

    /// <summary>Number of CSRC identifiers, 0–15.</summary>
    public int CsrcCount => _flags & 0x0F;

    /// <summary>The marker bit (M).</summary>
    public bool Marker => (_markerAndType & 0x80) != 0;

    /// <summary>Payload type, 0–127.</summary>
    public byte PayloadType => (byte)(_markerAndType & 0x7F);

    /// <summary>Sequence number.</summary>
    public ushort SequenceNumber { get; }

    /// <summary>Timestamp in RTP clock units.</summary>
    public uint Timestamp { get; }

    /// <summary>Synchronization source identifier.</summary>
    public uint Ssrc { get; }

    /// <summary>The 16-bit profile-defined word of the header extension, or 0 without one.</summary>
    public ushort ExtensionProfile { get; }

    /// <summary>Length of the extension data in bytes (the length field times 4), excluding its 4-byte header.</summary>
    public int ExtensionLength { get; }

    /// <summary>Offset in bytes of the payload: fixed header, CSRC list and extension.</summary>
    public int PayloadOffset { get; }

    /// <summary>Length in bytes of the payload, with padding removed.</summary>
    public int PayloadLength { get; }

    /// <summary>Bytes of padding at the end of the packet, including the count byte; 0 without padding.</summary>
    public int PaddingLength { get; }

    /// <summary>The CSRC identifier at <paramref name="index"/>, read from the packet this header was parsed from.</summary>
    public uint GetCsrc(ReadOnlySpan<byte> packet, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(FixedLength + (index * 4), 4));
    }

    /// <summary>The raw CSRC list (4 bytes per identifier) inside <paramref name="packet"/>.</summary>
    public ReadOnlySpan<byte> GetCsrcList(ReadOnlySpan<byte> packet) => packet.Slice(FixedLength, CsrcCount * 4);

    /// <summary>The header extension data, without its profile and length words, inside <paramref name="packet"/>.</summary>
    public ReadOnlySpan<byte> GetExtensionData(ReadOnlySpan<byte> packet) =>
        packet.Slice(PayloadOffset - ExtensionLength, ExtensionLength);

    /// <summary>The payload, without padding, inside <paramref name="packet"/>.</summary>
    public ReadOnlySpan<byte> GetPayload(ReadOnlySpan<byte> packet) => packet.Slice(PayloadOffset, PayloadLength);
}

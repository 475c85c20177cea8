namespace Inbox.Media.Rtcp;

/// <summary>
/// One packet of a compound RTCP datagram, as yielded by <see cref="RtcpCompoundReader"/>. A view over the datagram
/// bytes, valid while they are.
/// </summary>
internal readonly ref struct RtcpPacket
{
    internal RtcpPacket(RtcpHeader header, ReadOnlySpan<byte> data)
    {
        Header = header;
        Data = data;
    }

    /// <summary>The parsed common header.</summary>
    public RtcpHeader Header { get; }

    /// <summary>Packet type, from the header.</summary>
    public RtcpPacketType PacketType => Header.PacketType;

    /// <summary>The whole packet, header and padding included; pass it to the type's TryParse.</summary>
    public ReadOnlySpan<byte> Data { get; }
}

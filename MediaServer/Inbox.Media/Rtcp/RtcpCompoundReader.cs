namespace Inbox.Media.Rtcp;

/// <summary>
/// Walks the packets of one compound RTCP datagram (RFC 3550 §6.1, validity checks of Appendix A.2): every packet
/// must be version 2, the lengths must add up to the datagram exactly, and only the last packet may be padded.
/// </summary>
/// <remarks>
/// Use with <c>foreach</c>; when the loop ends, <see cref="IsMalformed"/> tells whether it stopped at the end or at
/// a bad packet (packets before it were valid). Allocation-free; a stack-only view over the datagram.
/// </remarks>
internal ref struct RtcpCompoundReader
{
    private readonly bool _requireReportFirst;
    private ReadOnlySpan<byte> _remaining;
    private bool _first;

    /// <summary>Creates a reader over one datagram.</summary>
    /// <param name="datagram">The received datagram.</param>
    /// <param name="requireReportFirst">
    /// Reject the datagram unless its first packet is an SR or RR (RFC 3550 §6.1). Leave false to accept reduced-size
    /// RTCP (RFC 5506).
    /// </param>
    public RtcpCompoundReader(ReadOnlySpan<byte> datagram, bool requireReportFirst = false)
    {
        _remaining = datagram;
        _requireReportFirst = requireReportFirst;
        _first = true;
        IsMalformed = datagram.IsEmpty;
        Current = default;
    }

    /// <summary>The packet at the current position.</summary>
    public RtcpPacket Current { get; private set; }

    /// <summary>True when enumeration stopped at a packet that failed validation (or the datagram was empty).</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>Returns this reader, so <c>foreach</c> works on it directly.</summary>
    public readonly RtcpCompoundReader GetEnumerator() => this;

    /// <summary>Checks a whole datagram without looking into its packets' bodies.</summary>
    public static bool IsValid(ReadOnlySpan<byte> datagram, bool requireReportFirst = false)
    {
        var reader = new RtcpCompoundReader(datagram, requireReportFirst);
        while (reader.MoveNext())
        {
        }

        return !reader.IsMalformed;
    }

    /// <summary>Advances to the next packet; false at the end or at the first malformed packet.</summary>
    public bool MoveNext()
    {
        if (_remaining.IsEmpty || IsMalformed)
        {
            return false;
        }

        if (!RtcpHeader.TryParse(_remaining, out var header)
            || (header.HasPadding && header.PacketLength != _remaining.Length)
            || (_first && _requireReportFirst
                && header.PacketType is not (RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport)))
        {
            IsMalformed = true;
            return false;
        }

        Current = new RtcpPacket(header, _remaining[..header.PacketLength]);
        _remaining = _remaining[header.PacketLength..];
        _first = false;
        return true;
    }
}

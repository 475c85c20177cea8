namespace Inbox.Media.Rtcp;

/// <summary>
/// Checks a whole compound RTCP datagram before any of it is acted on: the framing of
/// <see cref="RtcpCompoundReader"/> (RFC 3550 Appendix A.2) and the body of every packet type this server reads (SR,
/// RR, SDES, BYE, XR). Other types (APP, RTPFB, PSFB...) are framed but not inspected. Stateless, allocation-free and
/// thread-safe.
/// </summary>
internal static class RtcpCompoundValidator
{
    /// <summary>True when the datagram is one or more well-formed RTCP packets; reduced-size RTCP (RFC 5506) is accepted.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> datagram)
    {
        var reader = new RtcpCompoundReader(datagram);
        while (reader.MoveNext())
        {
            var data = reader.Current.Data;
            var valid = reader.Current.PacketType switch
            {
                RtcpPacketType.SenderReport => RtcpSenderReport.TryParse(data, out _),
                RtcpPacketType.ReceiverReport => RtcpReceiverReport.TryParse(data, out _),
                RtcpPacketType.SourceDescription => RtcpSdesPacket.TryParse(data, out _),
                RtcpPacketType.Goodbye => RtcpByePacket.TryParse(data, out _),
                RtcpPacketType.ExtendedReport => RtcpXrPacket.TryParse(data, out _),
                _ => true,
            };
            if (!valid)
            {
                return false;
            }
        }

        return !reader.IsMalformed;
    }
}

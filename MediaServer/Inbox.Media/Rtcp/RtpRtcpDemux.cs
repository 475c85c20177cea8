namespace Inbox.Media.Rtcp;

/// <summary>
/// Tells RTCP from RTP on a port shared with rtcp-mux (RFC 5761 §4). Stateless and thread-safe.
/// </summary>
internal static class RtpRtcpDemux
{
    /// <summary>
    /// True when the second octet, without its top bit, is 64–95: RTCP packet types 192–223 seen as an RTP marker
    /// bit and payload type. RTP sessions that use rtcp-mux must not use payload types 64–95 for that reason.
    /// </summary>
    /// <param name="datagram">A received datagram; fewer than 2 bytes is not RTCP.</param>
    public static bool IsRtcp(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= 2 && (uint)((datagram[1] & 0x7F) - 64) <= 95 - 64;
}

namespace Inbox.Media.Sessions;

/// <summary>A snapshot of what one media session received, sent and threw away.</summary>
/// <param name="Received">Valid RTP packets received from the far end.</param>
/// <param name="Sent">RTP packets sent (RTCP not included).</param>
/// <param name="RtcpReceived">Well-formed RTCP compound packets received and processed.</param>
/// <param name="Malformed">Datagrams that were not valid RTP or RTCP (truncated, wrong version...): dropped.</param>
/// <param name="UnexpectedSource">Packets from another address after the session latched: dropped.</param>
/// <param name="SendErrors">RTP and RTCP sends that failed (socket errors); never thrown.</param>
/// <param name="OctetsSent">RTP payload octets sent (headers and padding excluded, as in an SR).</param>
/// <param name="RtcpSent">RTCP compound packets sent.</param>
/// <param name="Goodbyes">RTCP BYE packets received.</param>
internal readonly record struct RtpSessionCounters(
    long Received, long Sent, long RtcpReceived, long Malformed, long UnexpectedSource, long SendErrors,
    long OctetsSent, long RtcpSent, long Goodbyes);

namespace Inbox.Media.Sessions;

/// <summary>A snapshot of what one media session received, sent and threw away.</summary>
/// <param name="Malformed">Datagrams that were not valid RTP or RTCP (truncated, wrong version...): dropped.</param>
/// <param name="UnexpectedSource">Packets from another address after the session latched: dropped.</param>
internal readonly record struct RtpSessionCounters(
    long Received, long Sent, long RtcpReceived, long Malformed, long UnexpectedSource, long SendErrors);

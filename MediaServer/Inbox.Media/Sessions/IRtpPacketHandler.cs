using Inbox.Media.Rtp;

namespace Inbox.Media.Sessions;

/// <summary>Where a session's valid RTP packets go: a relay to another leg, a decoder, a recorder...</summary>
internal interface IRtpPacketHandler
{
    /// <summary>
    /// Called on the session's receive loop for every packet that passed validation, latching and statistics. The
    /// buffer is the loop's own and is reused as soon as this returns; the handler may rewrite it in place.
    /// </summary>
    void OnPacket(RtpSession source, Span<byte> packet, in RtpHeader header);
}

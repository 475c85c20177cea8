using Inbox.Media.Rtp;

namespace Inbox.Media.Sessions;

/// <summary>
/// The same-codec fast path from one leg to another: rewrite the header onto the target leg's stream and send,
/// with no decoding and no allocation per packet. One relay per direction.
/// </summary>
internal sealed class RtpRelay(RtpSession target) : IRtpPacketHandler
{
    public RtpSession Target => target;

    public void OnPacket(RtpSession source, Span<byte> packet, in RtpHeader header)
    {
        if (target.IsInjecting)
        {
            return;
        }

        target.Output.Map(packet, header);
        target.Send(packet);
    }
}

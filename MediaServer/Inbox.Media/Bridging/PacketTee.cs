using Inbox.Media.Rtp;
using Inbox.Media.Sessions;

namespace Inbox.Media.Bridging;

/// <summary>
/// Hands each packet to a listener that only reads it (a decoder for recording or quality) and then to the handler
/// that may rewrite it in place (the relay), so a relayed call can be recorded without decoding twice.
/// </summary>
internal sealed class PacketTee(IRtpPacketHandler reader, IRtpPacketHandler writer) : IRtpPacketHandler
{
    public void OnPacket(RtpSession source, Span<byte> packet, in RtpHeader header)
    {
        reader.OnPacket(source, packet, header);
        writer.OnPacket(source, packet, header);
    }
}

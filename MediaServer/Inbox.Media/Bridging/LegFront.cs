using Inbox.Media.Rtp;
using Inbox.Media.Sessions;

namespace Inbox.Media.Bridging;

/// <summary>
/// The one handler a bridged leg's session keeps for the whole call: each packet goes first to the <see cref="Tap"/>
/// (listeners that only read: a DTMF tap, a recording decoder), then to the current <see cref="Target"/> (a relay or a
/// decoder for the other leg, or nothing on hold). Call control swaps the target for hold, mute and resume without
/// touching the taps, so they survive every switch. Packets of <see cref="ConsumedPayloadType"/> stop at the tap:
/// telephone events that call control regenerates rather than relays.
/// </summary>
/// <remarks>
/// <see cref="OnPacket"/> runs on the leg's receive loop and reads each field once, without a lock; the setters may
/// be called from any thread and take effect from the next packet. Allocates nothing per packet.
/// </remarks>
internal sealed class LegFront : IRtpPacketHandler
{
    private volatile IRtpPacketHandler? _target;
    private volatile IRtpPacketHandler? _tap;
    private volatile int _consumedPayloadType = -1;

    /// <summary>Where the packets go on: the other leg's relay or decoder; null drops them (hold, mute).</summary>
    public IRtpPacketHandler? Target
    {
        get => _target;
        set => _target = value;
    }

    /// <summary>What reads every packet first; null for nothing. Compose several with <see cref="PacketTee"/>.</summary>
    public IRtpPacketHandler? Tap
    {
        get => _tap;
        set => _tap = value;
    }

    /// <summary>A payload type the tap alone sees (0–127), or -1 (the default) to pass every packet on.</summary>
    public int ConsumedPayloadType
    {
        get => _consumedPayloadType;
        set => _consumedPayloadType = value;
    }

    public void OnPacket(RtpSession source, Span<byte> packet, in RtpHeader header)
    {
        _tap?.OnPacket(source, packet, header);
        if (header.PayloadType != _consumedPayloadType)
        {
            _target?.OnPacket(source, packet, header);
        }
    }
}

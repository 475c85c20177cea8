using Inbox.Media.Dtmf;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;

namespace Inbox.Media.Bridging;

/// <summary>
/// Picks RFC 4733 telephone events out of a leg's stream and reports each completed digit; every packet (events
/// included) then goes on to the leg's other handler, so a relayed call still carries the tones end to end.
/// Runs on the leg's receive loop; <paramref name="onDigit"/> is called there and must not block.
/// </summary>
internal sealed class DtmfTap(byte payloadType, int clockRate, Action<DtmfDigit> onDigit, IRtpPacketHandler? next, TimeProvider timeProvider)
    : IRtpPacketHandler
{
    private readonly DtmfReceiver _receiver = new(payloadType, clockRate);
    private readonly long _createdAt = timeProvider.GetTimestamp();

    public void OnPacket(RtpSession source, Span<byte> packet, in RtpHeader header)
    {
        var arrival = timeProvider.GetElapsedTime(_createdAt);

        // An event whose end packets were all lost is closed by the audio that follows it.
        _receiver.ExpireIdle(arrival);
        _receiver.OnPacket(header, packet, arrival);
        while (_receiver.TryRead(out var digit))
        {
            onDigit(digit);
        }

        next?.OnPacket(source, packet, header);
    }
}

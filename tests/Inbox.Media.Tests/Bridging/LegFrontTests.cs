using Inbox.Media.Bridging;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;

namespace Inbox.Media.Tests.Bridging;

public sealed class LegFrontTests
{
    private const byte Pcmu = 0;
    private const byte TelephoneEvent = 101;

    [Fact]
    public void OnPacket_TargetSwapped_TapSeesEveryPacketAndEachTargetItsOwn()
    {
        var (tap, relay, other) = (new Counter(), new Counter(), new Counter());
        var front = new LegFront { Tap = tap, Target = relay };

        Send(front, Pcmu);
        front.Target = null;
        Send(front, Pcmu);
        front.Target = other;
        Send(front, Pcmu);

        Assert.Equal((3, 1, 1), (tap.Packets, relay.Packets, other.Packets));
    }

    [Fact]
    public void OnPacket_ConsumedPayloadType_StopsAtTheTap()
    {
        var (tap, relay) = (new Counter(), new Counter());
        var front = new LegFront { Tap = tap, Target = relay, ConsumedPayloadType = TelephoneEvent };

        Send(front, TelephoneEvent);
        Send(front, Pcmu);

        Assert.Equal((2, 1), (tap.Packets, relay.Packets));
        Assert.Equal(Pcmu, relay.LastPayloadType);
    }

    [Fact]
    public void OnPacket_AfterWarmUp_AllocatesNothing()
    {
        var front = new LegFront { Tap = new Counter(), Target = new Counter(), ConsumedPayloadType = TelephoneEvent };
        var packet = new byte[172];
        new RtpHeader(Pcmu, false, 1, 160, 0x1234).TryWrite(packet, out _);
        Assert.True(RtpHeader.TryParse(packet, out var header));
        for (var i = 0; i < 100; i++)
        {
            front.OnPacket(null!, packet, header);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            front.OnPacket(null!, packet, header);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // The session argument is unused by the front and these handlers.
    private static void Send(LegFront front, byte payloadType)
    {
        var packet = new byte[RtpHeader.FixedLength + 4];
        new RtpHeader(payloadType, false, 1, 160, 0x1234).TryWrite(packet, out _);
        Assert.True(RtpHeader.TryParse(packet, out var header));
        front.OnPacket(null!, packet, header);
    }

    private sealed class Counter : IRtpPacketHandler
    {
        public int Packets { get; private set; }

        public int LastPayloadType { get; private set; } = -1;

        public void OnPacket(RtpSession source, Span<byte> packet, in RtpHeader header)
        {
            Packets++;
            LastPayloadType = header.PayloadType;
        }
    }
}

using Inbox.Media.Dtmf;

namespace Inbox.Media.Tests.Dtmf;

public sealed class DtmfSenderTests
{
    private readonly DtmfSender _sender = new();
    private readonly byte[] _buffer = new byte[4];

    [Fact]
    public void TryWriteNext_DefaultDigit_MarkerGrowingDurationsAndThreeEnds()
    {
        _sender.TryStart('7', 1000, TimeSpan.FromMilliseconds(200));
        var packets = new List<(DtmfPacket Packet, DtmfEvent Event)>();

        while (_sender.TryWriteNext(_buffer, out var packet))
        {
            Assert.True(DtmfEvent.TryParse(_buffer, out var value));
            packets.Add((packet, value));
        }

        Assert.Equal([400, 800, 1200, 1600, 1600, 1600], packets.Select(p => (int)p.Event.Duration));
        Assert.Equal([true, false, false, false, false, false], packets.Select(p => p.Packet.Marker));
        Assert.Equal([false, false, false, true, true, true], packets.Select(p => p.Event.End));
        Assert.All(packets, p => Assert.Equal(1000u, p.Packet.Timestamp));
        Assert.All(packets, p => Assert.Equal(7, p.Event.Code));
        Assert.All(packets, p => Assert.Equal(DtmfSender.DefaultVolume, p.Event.Volume));
        Assert.False(_sender.IsSending);
    }

    [Fact]
    public void TryWriteNext_FirstPacketOfDefaultDigit_IsByteExact()
    {
        _sender.TryStart('#', 0);

        _sender.TryWriteNext(_buffer, out var packet);

        Assert.Equal(new byte[] { 0x0B, 0x0A, 0x01, 0x90 }, _buffer);
        Assert.True(packet.Marker);
        Assert.Equal(4, packet.Length);
    }

    [Fact]
    public void TryWriteNext_DefaultDuration_EndsAt800Units()
    {
        _sender.TryStart('1', 0);
        var durations = new List<int>();

        while (_sender.TryWriteNext(_buffer, out var packet))
        {
            Assert.True(DtmfEvent.TryParse(_buffer, out var value));
            durations.Add(value.Duration);
        }

        Assert.Equal([400, 800, 800, 800], durations);
    }

    [Fact]
    public void TryStart_WithinMinimumGap_Refused()
    {
        _sender.TryStart('1', 0);
        while (_sender.TryWriteNext(_buffer, out _))
        {
        }

        var tooSoon = _sender.TryStart('2', 800 + 399);
        var afterGap = _sender.TryStart('2', 800 + 400);

        Assert.False(tooSoon);
        Assert.True(afterGap);
        Assert.Equal(800u + 400 + 800 + 400, _sender.EarliestNextTimestamp);
    }

    [Fact]
    public void TryStart_WhileSendingOrBadInput_Refused()
    {
        _sender.TryStart('1', 0);

        var busy = _sender.TryStart('2', 5000);
        var badDigit = new DtmfSender().TryStart('x', 0);
        var tooLong = new DtmfSender().TryStart('1', 0, TimeSpan.FromSeconds(9));

        Assert.False(busy);
        Assert.False(badDigit);
        Assert.False(tooLong);
    }

    [Fact]
    public void TryWriteNext_CustomInterval_UsesIt()
    {
        var sender = new DtmfSender(packetInterval: TimeSpan.FromMilliseconds(20));
        sender.TryStart('5', 0, TimeSpan.FromMilliseconds(50));
        var durations = new List<int>();

        while (sender.TryWriteNext(_buffer, out _))
        {
            Assert.True(DtmfEvent.TryParse(_buffer, out var value));
            durations.Add(value.Duration);
        }

        Assert.Equal([160, 320, 400, 400, 400], durations);
    }
}

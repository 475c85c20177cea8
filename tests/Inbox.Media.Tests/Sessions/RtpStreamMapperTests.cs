using System.Buffers.Binary;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Media.Tests.Sessions;

public sealed class RtpStreamMapperTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Map_FirstSource_KeepsItsNumberingAndTakesOurSsrc()
    {
        var mapper = new RtpStreamMapper(0xABCDEF01, 8000, _time);
        var packet = Packet(ssrc: 5, sequence: 4000, timestamp: 123456);

        Map(mapper, packet);

        Assert.True(RtpHeader.TryParse(packet, out var header));
        Assert.Equal(0xABCDEF01u, header.Ssrc);
        Assert.Equal(4000, header.SequenceNumber);
        Assert.Equal(123456u, header.Timestamp);
        Assert.False(header.Marker);
    }

    [Fact]
    public void Map_NewSourceAfterTwoSeconds_ContinuesSequenceAndAdvancesTimestampByElapsedTime()
    {
        var mapper = new RtpStreamMapper(1, 8000, _time);
        Map(mapper, Packet(ssrc: 5, sequence: 65535, timestamp: uint.MaxValue - 10));
        _time.Advance(TimeSpan.FromSeconds(2));
        var next = Packet(ssrc: 6, sequence: 17, timestamp: 999);

        Map(mapper, next);

        Assert.True(RtpHeader.TryParse(next, out var header));
        Assert.Equal(0, header.SequenceNumber);
        Assert.Equal(unchecked(uint.MaxValue - 10 + 16000), header.Timestamp);
        Assert.True(header.Marker);
    }

    [Fact]
    public void Map_ReorderedPacket_DoesNotMoveTheContinuationPoint()
    {
        var mapper = new RtpStreamMapper(1, 8000, _time);
        Map(mapper, Packet(ssrc: 5, sequence: 10, timestamp: 1600));
        Map(mapper, Packet(ssrc: 5, sequence: 9, timestamp: 1440));
        var switched = Packet(ssrc: 6, sequence: 500, timestamp: 0);

        Map(mapper, switched);

        Assert.True(RtpHeader.TryParse(switched, out var header));
        Assert.Equal(11, header.SequenceNumber);
    }

    [Fact]
    public void Map_SteadyState_AllocatesNothing()
    {
        var mapper = new RtpStreamMapper(1, 8000, _time);
        var packet = Packet(ssrc: 5, sequence: 1, timestamp: 0);
        for (var i = 0; i < 100; i++)
        {
            Map(mapper, packet);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Map(mapper, packet);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Map(RtpStreamMapper mapper, byte[] packet)
    {
        Assert.True(RtpHeader.TryParse(packet, out var header));
        mapper.Map(packet, header);
    }

    private static byte[] Packet(uint ssrc, ushort sequence, uint timestamp)
    {
        var packet = new byte[RtpHeader.FixedLength + 160];
        packet[0] = 0x80;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        return packet;
    }
}

using Inbox.Media.Dtmf;
using Inbox.Media.Rtp;

namespace Inbox.Media.Tests.Dtmf;

public sealed class DtmfReceiverTests
{
    private const byte EventPayloadType = 101;

    // A collection expression argument allocates in the test itself; the receiver must be measured alone.
    private static readonly int[] s_oneUpdate = [400];

    private readonly DtmfReceiver _receiver = new(EventPayloadType);
    private readonly byte[] _packet = new byte[RtpHeader.FixedLength + DtmfEvent.Length];
    private ushort _sequence;

    [Fact]
    public void OnPacket_FullEventWithThreeEnds_OneDigitWithDuration()
    {
        SendEvent('5', timestamp: 8000, durations: [400, 800, 1200], endDuration: 1280);

        var read = _receiver.TryRead(out var digit);

        Assert.True(read);
        Assert.Equal(new DtmfDigit('5', TimeSpan.FromMilliseconds(160), 8000), digit);
        Assert.False(_receiver.TryRead(out _));
        Assert.Equal(2, _receiver.Retransmissions);
        Assert.Equal(0, _receiver.MissingStarts);
        Assert.Equal(0, _receiver.MissingEnds);
    }

    [Fact]
    public void OnPacket_FirstPacketLost_StillReportsDigit()
    {
        Send('9', 1600, marker: false, end: false, duration: 800);
        Send('9', 1600, marker: false, end: true, duration: 1200);

        var read = _receiver.TryRead(out var digit);

        Assert.True(read);
        Assert.Equal('9', digit.Digit);
        Assert.Equal(TimeSpan.FromMilliseconds(150), digit.Duration);
        Assert.Equal(1, _receiver.MissingStarts);
    }

    [Fact]
    public void OnPacket_EndPacketsLostThenNextEvent_EndsPreviousDigit()
    {
        Send('1', 0, marker: true, end: false, duration: 400);
        Send('1', 0, marker: false, end: false, duration: 800);

        SendEvent('2', timestamp: 2000, durations: [400], endDuration: 800);

        Assert.True(_receiver.TryRead(out var first));
        Assert.True(_receiver.TryRead(out var second));
        Assert.Equal(new DtmfDigit('1', TimeSpan.FromMilliseconds(100), 0), first);
        Assert.Equal('2', second.Digit);
        Assert.Equal(1, _receiver.MissingEnds);
    }

    [Fact]
    public void ExpireIdle_EndPacketsLost_EndsAfterTimeout()
    {
        Send('*', 0, marker: true, end: false, duration: 400, arrivalMs: 1000);

        _receiver.ExpireIdle(TimeSpan.FromMilliseconds(1400));
        var early = _receiver.TryRead(out _);
        _receiver.ExpireIdle(TimeSpan.FromMilliseconds(1500));
        var late = _receiver.TryRead(out var digit);
        Send('*', 0, marker: false, end: true, duration: 800, arrivalMs: 1600);

        Assert.False(early);
        Assert.True(late);
        Assert.Equal(new DtmfDigit('*', TimeSpan.FromMilliseconds(50), 0), digit);
        Assert.False(_receiver.TryRead(out _));
        Assert.Equal(1, _receiver.Retransmissions);
    }

    [Fact]
    public void OnPacket_SameDigitTwice_TwoDigits()
    {
        SendEvent('3', timestamp: 0, durations: [400], endDuration: 800);
        SendEvent('3', timestamp: 1200, durations: [400], endDuration: 800);

        var count = 0;
        while (_receiver.TryRead(out _))
        {
            count++;
        }

        Assert.Equal(2, count);
    }

    [Fact]
    public void OnPacket_OtherPayloadType_NotConsumed()
    {
        var header = WritePacket(0, marker: false, timestamp: 0, new DtmfEvent(1, false, 10, 400));

        var consumed = _receiver.OnPacket(header, _packet, TimeSpan.Zero);

        Assert.False(consumed);
        Assert.False(_receiver.TryRead(out _));
    }

    [Fact]
    public void OnPacket_QueueFull_DropsOldest()
    {
        var receiver = new DtmfReceiver(EventPayloadType, queueCapacity: 2);
        for (var i = 0; i < 3; i++)
        {
            var header = WritePacket(EventPayloadType, marker: true, timestamp: (uint)(i * 2000), new DtmfEvent((byte)i, true, 10, 800));
            receiver.OnPacket(header, _packet, TimeSpan.Zero);
        }

        receiver.TryRead(out var first);

        Assert.Equal('1', first.Digit);
        Assert.Equal(1, receiver.DroppedDigits);
    }

    [Fact]
    public void OnPacket_SteadyStream_AllocatesNothing()
    {
        for (var i = 0; i < 10; i++)
        {
            SendEvent('4', (uint)(i * 2000), s_oneUpdate, 800);
            _receiver.TryRead(out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 10; i < 5000; i++)
        {
            SendEvent('4', (uint)(i * 2000), s_oneUpdate, 800);
            _receiver.ExpireIdle(TimeSpan.FromMilliseconds(i));
            _receiver.TryRead(out _);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(5000, _receiver.Digits);
    }

    private void SendEvent(char digit, uint timestamp, int[] durations, int endDuration)
    {
        for (var i = 0; i < durations.Length; i++)
        {
            Send(digit, timestamp, marker: i == 0, end: false, duration: durations[i]);
        }

        for (var i = 0; i < 3; i++)
        {
            Send(digit, timestamp, marker: false, end: true, duration: endDuration);
        }
    }

    private void Send(char digit, uint timestamp, bool marker, bool end, int duration, int arrivalMs = 0)
    {
        DtmfEvent.TryGetCode(digit, out var code);
        var header = WritePacket(EventPayloadType, marker, timestamp, new DtmfEvent(code, end, 10, (ushort)duration));
        Assert.True(_receiver.OnPacket(header, _packet, TimeSpan.FromMilliseconds(arrivalMs)));
    }

    private RtpHeader WritePacket(byte payloadType, bool marker, uint timestamp, DtmfEvent value)
    {
        new RtpHeader(payloadType, marker, _sequence++, timestamp, 0x5151).TryWrite(_packet, out var offset);
        value.TryWrite(_packet.AsSpan(offset), out _);
        Assert.True(RtpHeader.TryParse(_packet, out var header));
        return header;
    }
}

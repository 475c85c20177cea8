using Inbox.Media.Rtp;

namespace Inbox.Media.Tests.Rtp;

public sealed class RtpReceiveStatisticsTests
{
    private const int ClockRate = 8000;
    private const int SamplesPerPacket = 160; // 20 ms of G.711

    private readonly RtpReceiveStatistics _statistics = new(ClockRate);

    [Fact]
    public void Update_FirstPacket_IsOnProbation()
    {
        var status = Receive(100);

        Assert.Equal(RtpSequenceStatus.Probation, status);
        Assert.False(_statistics.IsValid);
        Assert.Equal(0, _statistics.ReceivedPackets);
        Assert.Equal(1, _statistics.Discarded);
    }

    [Fact]
    public void Update_InOrder_CountsFromSecondPacketWithoutLoss()
    {
        for (ushort seq = 100; seq < 150; seq++)
        {
            Receive(seq);
        }

        var fraction = _statistics.TakeIntervalFractionLost();

        Assert.True(_statistics.IsValid);
        Assert.Equal(101u, _statistics.BaseSequence);
        Assert.Equal(149u, _statistics.ExtendedHighestSequence);
        Assert.Equal(49, _statistics.ReceivedPackets);
        Assert.Equal(49, _statistics.Expected);
        Assert.Equal(0, _statistics.CumulativeLost);
        Assert.Equal(0, fraction);
    }

    [Fact]
    public void Update_ProbationBrokenByGap_RestartsProbation()
    {
        Receive(10);
        var second = Receive(12);

        var third = Receive(13);

        Assert.Equal(RtpSequenceStatus.Probation, second);
        Assert.Equal(RtpSequenceStatus.InOrder, third);
        Assert.Equal(13u, _statistics.BaseSequence);
    }

    [Fact]
    public void Update_Loss_CountsLostAndIntervalFraction()
    {
        ReceiveRange(0, 11); // base 1, highest 10
        for (ushort seq = 11; seq <= 50; seq++)
        {
            if (seq % 4 != 0)
            {
                Receive(seq);
            }
        }

        _ = _statistics.TakeIntervalFractionLost();
        ReceiveRange(51, 61); // 10 more, none lost

        var quiet = _statistics.TakeIntervalFractionLost();

        Assert.Equal(60, _statistics.Expected);
        Assert.Equal(10, _statistics.CumulativeLost);
        Assert.Equal(0, quiet);
    }

    [Fact]
    public void TakeIntervalFractionLost_QuarterLost_Returns64()
    {
        ReceiveRange(0, 2); // valid from 1
        _ = _statistics.TakeIntervalFractionLost();
        for (ushort seq = 2; seq < 102; seq++)
        {
            if (seq % 4 != 0)
            {
                Receive(seq);
            }
        }

        var fraction = _statistics.TakeIntervalFractionLost();

        Assert.Equal(64, fraction); // 25 of 100 expected (2..101) lost: 25 * 256 / 100
    }

    [Fact]
    public void Update_Reordered_CountsReorderedWithoutLoss()
    {
        ReceiveRange(0, 10);

        var late = Receive(11);
        var early = Receive(10);
        Receive(12);

        Assert.Equal(RtpSequenceStatus.InOrder, late);
        Assert.Equal(RtpSequenceStatus.Reordered, early);
        Assert.Equal(1, _statistics.Reordered);
        Assert.Equal(0, _statistics.Duplicates);
        Assert.Equal(0, _statistics.CumulativeLost);
        Assert.Equal(12u, _statistics.ExtendedHighestSequence);
    }

    [Fact]
    public void Update_Duplicates_CountedAndLossGoesNegative()
    {
        ReceiveRange(0, 10);

        var latest = Receive(9);
        var older = Receive(5);
        var reordered = Receive(5);

        Assert.Equal(RtpSequenceStatus.Duplicate, latest);
        Assert.Equal(RtpSequenceStatus.Duplicate, older);
        Assert.Equal(RtpSequenceStatus.Duplicate, reordered);
        Assert.Equal(3, _statistics.Duplicates);
        Assert.Equal(-3, _statistics.CumulativeLost); // RFC 3550 A.3: duplicates count as received
    }

    [Fact]
    public void Update_SequenceWrapsAround_ExtendsHighestWithCycles()
    {
        ReceiveRange(65530, 65536);
        ReceiveRange(0, 5);

        var highest = _statistics.ExtendedHighestSequence;

        Assert.Equal(0x0001_0004u, highest);
        Assert.Equal(65531u, _statistics.BaseSequence);
        Assert.Equal(10, _statistics.Expected);
        Assert.Equal(0, _statistics.CumulativeLost);
    }

    [Fact]
    public void Update_LargeJump_ResynchronizesAfterTwoSequentialPackets()
    {
        ReceiveRange(0, 20);

        var jump = Receive(30000);
        var next = Receive(30001);
        Receive(30002);

        Assert.Equal(RtpSequenceStatus.BadSequence, jump);
        Assert.Equal(RtpSequenceStatus.Resynchronized, next);
        Assert.Equal(1, _statistics.SequenceResets);
        Assert.Equal(30001u, _statistics.BaseSequence);
        Assert.Equal(2, _statistics.ReceivedPackets);
        Assert.Equal(0, _statistics.CumulativeLost);
    }

    [Fact]
    public void Update_SingleStrayPacket_IsDiscardedWithoutReset()
    {
        ReceiveRange(0, 20);

        var stray = Receive(40000);
        var back = Receive(20);

        Assert.Equal(RtpSequenceStatus.BadSequence, stray);
        Assert.Equal(RtpSequenceStatus.InOrder, back);
        Assert.Equal(0, _statistics.SequenceResets);
        Assert.Equal(20u, _statistics.ExtendedHighestSequence);
    }

    [Fact]
    public void Jitter_ConstantTransit_StaysZero()
    {
        ReceiveRange(0, 200);

        var jitter = _statistics.Jitter;

        Assert.Equal(0u, jitter);
    }

    [Fact]
    public void Jitter_FirstDifference_IsOneSixteenth()
    {
        // Packets 0 and 1 are probation; jitter starts with 1 (first transit) and 2 (first difference).
        Receive(0, arrivalMs: 0);
        Receive(1, arrivalMs: 20);
        Receive(2, arrivalMs: 60); // arrives 20 ms (160 units) late

        var jitter = _statistics.Jitter;

        Assert.Equal(10u, jitter); // RFC 3550 A.8: J = 0 + (160 - 0) / 16
    }

    [Fact]
    public void Jitter_AlternatingTransit_ConvergesToTransitDifference()
    {
        // Arrivals alternate 10 ms and 30 ms apart while timestamps advance 20 ms: |D| = 10 ms = 80 units every packet.
        var arrivalMs = 0;
        for (var i = 0; i < 500; i++)
        {
            Receive((ushort)i, arrivalMs);
            arrivalMs += i % 2 == 0 ? 10 : 30;
        }

        var jitter = _statistics.Jitter;

        Assert.InRange(jitter, 79u, 80u); // the scaled-integer form of A.8 settles within one unit below |D|
        Assert.InRange(_statistics.JitterDuration.TotalMilliseconds, 9.8, 10.0);
    }

    [Fact]
    public void Update_ArrivalTimesBeyondClockWrap_DoNotOverflow()
    {
        var start = TimeSpan.FromDays(20); // 8000 Hz × 20 days exceeds 2^32 units
        for (var i = 0; i < 10; i++)
        {
            _statistics.Update((ushort)i, (uint)(i * SamplesPerPacket), start + TimeSpan.FromMilliseconds(20 * i));
        }

        var jitter = _statistics.Jitter;

        Assert.Equal(0u, jitter);
    }

    private void ReceiveRange(int from, int toExclusive)
    {
        for (var seq = from; seq < toExclusive; seq++)
        {
            Receive((ushort)seq);
        }
    }

    private RtpSequenceStatus Receive(ushort seq) => Receive(seq, seq * 20);

    private RtpSequenceStatus Receive(ushort seq, int arrivalMs) =>
        _statistics.Update(seq, (uint)(seq * SamplesPerPacket), TimeSpan.FromMilliseconds(arrivalMs));
}

using System.Buffers.Binary;
using Inbox.Media.Jitter;
using Inbox.Media.Rtp;

namespace Inbox.Media.Tests.Jitter;

public sealed class JitterBufferTests
{
    private const int FrameSamples = 160; // 20 ms of G.711 at 8 kHz
    private const int FrameMs = 20;

    private readonly JitterBuffer _buffer = new(new JitterBufferOptions());
    private readonly byte[] _payload = new byte[FrameSamples];
    private readonly byte[] _output = new byte[1500];

    [Fact]
    public void Take_InOrderSteadyFlow_PlaysEveryFrameAfterInitialDepth()
    {
        var played = new List<int>();
        var results = new List<JitterTakeResult>();

        for (var seq = 0; seq < 100; seq++)
        {
            Put(seq, seq * FrameMs);
            results.Add(TakeFrame(played));
        }

        Assert.Equal(JitterTakeResult.Buffering, results[0]);
        Assert.All(results.Skip(1), r => Assert.Equal(JitterTakeResult.Frame, r));
        Assert.Equal(Enumerable.Range(0, 99), played);
        Assert.Equal(TimeSpan.FromMilliseconds(40), _buffer.TargetDepth);
        Assert.Equal(TimeSpan.FromMilliseconds(20), _buffer.CurrentDepth);
        Assert.Equal(new JitterBufferCounters(100, 99, 0, 0, 0, 0, 0, 0), _buffer.Counters);
    }

    [Fact]
    public void Take_ReorderedWithinDepth_PlaysInSequenceOrder()
    {
        var played = new List<int>();
        int[] arrivalOrder = [0, 1, 2, 4, 3, 5, 7, 6, 8, 9];

        for (var i = 0; i < arrivalOrder.Length; i++)
        {
            Put(arrivalOrder[i], i * FrameMs);
            TakeFrame(played);
        }

        for (var tick = 0; tick < 5; tick++)
        {
            TakeFrame(played);
        }

        Assert.Equal(Enumerable.Range(0, 10), played);
        Assert.Equal(0, _buffer.Counters.Late);
    }

    [Fact]
    public void Put_AfterPlayTimePassed_CountsLateAndDiscards()
    {
        var played = new List<int>();
        for (var seq = 0; seq < 10; seq++)
        {
            if (seq != 5)
            {
                Put(seq, seq * FrameMs);
            }

            TakeFrame(played);
        }

        var result = Put(5, 200);

        Assert.Equal(JitterPutResult.Late, result);
        Assert.Equal(1, _buffer.Counters.Late);
        Assert.Equal(1, _buffer.Counters.Concealed);
        Assert.DoesNotContain(5, played);
    }

    [Fact]
    public void Take_LostPacket_ReportsOneMissingFrameThenContinues()
    {
        var played = new List<int>();
        var results = new List<JitterTakeResult>();

        for (var seq = 0; seq < 20; seq++)
        {
            if (seq is not (7 or 12))
            {
                Put(seq, seq * FrameMs);
            }

            results.Add(TakeFrame(played));
        }

        Assert.True(2 == results.Count(r => r == JitterTakeResult.Missing), string.Join(",", results));
        Assert.Equal(JitterTakeResult.Missing, results[8]);
        Assert.Equal(JitterTakeResult.Missing, results[13]);
        Assert.Equal(Enumerable.Range(0, 19).Where(s => s is not (7 or 12)), played);
        Assert.Equal(2, _buffer.Counters.Concealed);
    }

    [Fact]
    public void Put_SameSequenceTwice_CountsDuplicate()
    {
        Put(0, 0);

        var result = Put(0, 1);

        Assert.Equal(JitterPutResult.Duplicate, result);
        Assert.Equal(1, _buffer.Counters.Duplicates);
        Assert.Equal(1, _buffer.Counters.Received);
    }

    [Fact]
    public void Put_GrowingJitter_RaisesTargetAndDepth()
    {
        var played = new List<int>();

        // Every other packet is delayed by 60 ms: jitter about 60 ms, so the target reaches the 200 ms cap.
        Simulate(JitteryArrivals(0, 200), 0, 200, played);

        Assert.True(_buffer.Jitter >= TimeSpan.FromMilliseconds(50), $"jitter {_buffer.Jitter}");
        Assert.Equal(TimeSpan.FromMilliseconds(200), _buffer.TargetDepth);
        Assert.True(_buffer.CurrentDepth >= TimeSpan.FromMilliseconds(160), $"depth {_buffer.CurrentDepth} {_buffer.Counters} {string.Join(",", played)}");
        Assert.True(_buffer.Counters.Late < 5, $"late {_buffer.Counters.Late}");
    }

    [Fact]
    public void Take_JitterFalls_ShrinksTargetAndDepthSlowly()
    {
        var played = new List<int>();
        Simulate(JitteryArrivals(0, 200), 0, 200, played);
        var grownDepth = _buffer.CurrentDepth;

        Simulate(SteadyArrivals(200, 2200), 200, 2200, played);

        Assert.True(grownDepth >= TimeSpan.FromMilliseconds(160), $"grown depth {grownDepth}");
        Assert.Equal(TimeSpan.FromMilliseconds(40), _buffer.TargetDepth);
        Assert.True(_buffer.CurrentDepth <= TimeSpan.FromMilliseconds(60), $"depth {_buffer.CurrentDepth}");
        Assert.True(_buffer.Counters.OverflowDrops > 0);
        Assert.Equal(played.Order(), played);
    }

    [Fact]
    public void Put_SsrcChange_ResetsAndBuffersAgain()
    {
        var played = new List<int>();
        for (var seq = 0; seq < 10; seq++)
        {
            Put(seq, seq * FrameMs);
            TakeFrame(played);
        }

        var result = Put(5000, 200, ssrc: 2);
        var take = TakeFrame(played);

        Assert.Equal(JitterPutResult.StoredAfterReset, result);
        Assert.Equal(JitterTakeResult.Buffering, take);
        Assert.False(_buffer.IsPlaying);
        Assert.Equal(1, _buffer.Counters.Resets);
    }

    [Fact]
    public void Put_LargeSequenceJump_Resets()
    {
        Put(0, 0);
        Put(1, 20);

        var result = Put(1000, 40);

        Assert.Equal(JitterPutResult.StoredAfterReset, result);
        Assert.Equal(1, _buffer.Counters.Resets);
        Assert.Equal(TimeSpan.FromMilliseconds(20), _buffer.CurrentDepth);
    }

    [Fact]
    public void Put_MarkerAfterSilence_RebuffersTalkspurt()
    {
        var played = new List<int>();
        for (var seq = 0; seq < 10; seq++)
        {
            Put(seq, seq * FrameMs);
            TakeFrame(played);
        }

        for (var tick = 0; tick < 20; tick++)
        {
            TakeFrame(played); // silence suppressed by the sender
        }

        Put(10, 600, marker: true, timestampFrame: 30);
        var first = TakeFrame(played);
        Put(11, 620, timestampFrame: 31);
        var second = TakeFrame(played);

        Assert.Equal(JitterTakeResult.Buffering, first);
        Assert.Equal(JitterTakeResult.Frame, second);
        Assert.Equal(10, played[^1]);
    }

    [Fact]
    public void Put_PayloadLargerThanSlot_Rejected()
    {
        var header = new RtpHeader(0, false, 1, 160, 1);

        var result = _buffer.Put(header, new byte[1501], TimeSpan.Zero);

        Assert.Equal(JitterPutResult.TooLarge, result);
        Assert.Equal(1, _buffer.Counters.TooLarge);
    }

    private static IEnumerable<(int Sequence, int ArrivalMs)> JitteryArrivals(int from, int to) =>
        Enumerable.Range(from, to - from).Select(seq => (seq, (seq * FrameMs) + (seq % 2 == 1 ? 60 : 0)));

    private static IEnumerable<(int Sequence, int ArrivalMs)> SteadyArrivals(int from, int to) =>
        Enumerable.Range(from, to - from).Select(seq => (seq, seq * FrameMs));

    // Runs the media clock every 20 ms from tick fromTick to toTick, putting packets as their arrival time passes.
    private void Simulate(IEnumerable<(int Sequence, int ArrivalMs)> arrivals, int fromTick, int toTick, List<int> played)
    {
        var pending = new Queue<(int Sequence, int ArrivalMs)>(arrivals.OrderBy(a => a.ArrivalMs));
        for (var tick = fromTick; tick < toTick; tick++)
        {
            while (pending.Count > 0 && pending.Peek().ArrivalMs <= tick * FrameMs)
            {
                var (sequence, arrivalMs) = pending.Dequeue();
                Put(sequence, arrivalMs);
            }

            TakeFrame(played);
        }
    }

    private JitterPutResult Put(int sequence, int arrivalMs, bool marker = false, uint ssrc = 1, int? timestampFrame = null)
    {
        var timestamp = (uint)((timestampFrame ?? sequence) * FrameSamples);
        var header = new RtpHeader(0, marker, (ushort)sequence, timestamp, ssrc);
        BinaryPrimitives.WriteUInt16BigEndian(_payload, (ushort)sequence);
        return _buffer.Put(header, _payload, TimeSpan.FromMilliseconds(arrivalMs));
    }

    private JitterTakeResult TakeFrame(List<int> played)
    {
        var result = _buffer.Take(_output, out var written);
        if (result == JitterTakeResult.Frame)
        {
            Assert.Equal(FrameSamples, written);
            played.Add(BinaryPrimitives.ReadUInt16BigEndian(_output));
        }

        return result;
    }
}

using Inbox.Interactions.Events;

namespace Inbox.Interactions.Tests.Events;

public sealed class AgentEventStreamTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Subscribe_ResumePointOlderThanWhatIsKept_StreamResetThenTheKeptOnes()
    {
        var stream = new AgentEventStream(replayCapacity: 3, subscriberCapacity: 10);
        for (var i = 0; i < 5; i++)
        {
            stream.Publish(new StreamReset("x"), s_now);
        }

        var events = Drain(stream.Subscribe(sameEpoch: true, afterSequence: 1, s_now));

        Assert.IsType<StreamReset>(events[0].Payload);
        Assert.Equal(0UL, events[0].Sequence);
        Assert.Single(events);
    }

    [Fact]
    public void Subscribe_ResumeWithinWhatIsKept_ExactlyTheRest()
    {
        var stream = new AgentEventStream(replayCapacity: 3, subscriberCapacity: 10);
        for (var i = 0; i < 5; i++)
        {
            stream.Publish(new StreamReset("x"), s_now);
        }

        var events = Drain(stream.Subscribe(sameEpoch: true, afterSequence: 3, s_now));

        Assert.Equal([4UL, 5UL], events.Select(e => e.Sequence));
    }

    [Fact]
    public void Publish_ReaderTooSlow_CutOffAndFlagged()
    {
        var stream = new AgentEventStream(replayCapacity: 100, subscriberCapacity: 2);
        var subscription = stream.Subscribe(sameEpoch: true, afterSequence: 0, s_now);

        for (var i = 0; i < 5; i++)
        {
            stream.Publish(new StreamReset("x"), s_now);
        }

        Assert.True(subscription.Overflowed);
        Assert.Equal([1UL, 2UL], Drain(subscription).Select(e => e.Sequence));
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void Subscribe_Again_PreviousSubscriptionEnds()
    {
        var stream = new AgentEventStream(replayCapacity: 10, subscriberCapacity: 10);
        var first = stream.Subscribe(sameEpoch: true, afterSequence: 0, s_now);

        var second = stream.Subscribe(sameEpoch: true, afterSequence: 0, s_now);
        stream.Publish(new StreamReset("x"), s_now);

        Assert.True(first.Reader.Completion.IsCompleted);
        Assert.Single(Drain(second));
    }

    private static List<SequencedEvent> Drain(EventSubscription subscription)
    {
        var events = new List<SequencedEvent>();
        while (subscription.Reader.TryRead(out var item))
        {
            events.Add(item);
        }

        return events;
    }
}

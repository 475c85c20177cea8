using Inbox.Interactions.Messages;
using Inbox.Interactions.Outbox;

namespace Inbox.Interactions.Tests.Outbox;

public sealed class OutboxQueueTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TakeDue_TwoMessagesOfOneInteraction_OnlyTheFirstUntilItIsSettled()
    {
        var queue = new OutboxQueue();
        queue.Enqueue(Queued("m1", "i1", s_t0));
        queue.Enqueue(Queued("m2", "i1", s_t0));

        var first = queue.TakeDue(s_t0, 10);
        var whileInFlight = queue.TakeDue(s_t0, 10);
        queue.Settle(Queued("m1", "i1", s_t0) with { Status = MessageStatus.Sent });
        var then = queue.TakeDue(s_t0, 10);

        Assert.Equal(["m1"], first.Select(m => m.Id));
        Assert.Empty(whileInFlight);
        Assert.Equal(["m2"], then.Select(m => m.Id));
    }

    [Fact]
    public void Settle_StillQueued_StaysFirstAndWaitsForItsNextAttempt()
    {
        var queue = new OutboxQueue();
        queue.Enqueue(Queued("m1", "i1", s_t0));
        queue.Enqueue(Queued("m2", "i1", s_t0));
        queue.TakeDue(s_t0, 10);

        queue.Settle(Queued("m1", "i1", s_t0) with { Attempts = 1, NextAttemptAt = s_t0.AddSeconds(5) });

        Assert.Empty(queue.TakeDue(s_t0.AddSeconds(4), 10));
        Assert.Equal(s_t0.AddSeconds(5), queue.NextDue());
        Assert.Equal(["m1"], queue.TakeDue(s_t0.AddSeconds(5), 10).Select(m => m.Id));
    }

    [Fact]
    public void TakeDue_MoreDueThanTheLimit_LongestDueFirst()
    {
        var queue = new OutboxQueue();
        queue.Enqueue(Queued("m1", "i1", s_t0.AddSeconds(2)));
        queue.Enqueue(Queued("m2", "i2", s_t0));
        queue.Enqueue(Queued("m3", "i3", s_t0.AddSeconds(1)));

        var taken = queue.TakeDue(s_t0.AddSeconds(2), 2);

        Assert.Equal(["m2", "m3"], taken.Select(m => m.Id));
        Assert.Equal(2, queue.InFlight);
        Assert.Equal(s_t0.AddSeconds(2), queue.NextDue());
    }

    private static Message Queued(string id, string interactionId, DateTimeOffset due) => new()
    {
        Id = id,
        InteractionId = interactionId,
        Direction = MessageDirection.Outbound,
        Status = MessageStatus.Sending,
        NextAttemptAt = due,
        CreatedAt = s_t0,
        UpdatedAt = s_t0,
    };
}

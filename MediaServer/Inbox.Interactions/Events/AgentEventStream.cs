using Inbox.Interactions.Agents;

namespace Inbox.Interactions.Events;

/// <summary>
/// One agent's numbered events: the recent ones kept for replay, and the open subscription if any.
/// Publishing and subscribing take a short lock so a resume never misses or repeats an event.
/// </summary>
internal sealed class AgentEventStream(int replayCapacity, int subscriberCapacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<SequencedEvent> _recent = new();
    private ulong _lastSequence;
    private EventSubscription? _subscriber;

    public ulong LastSequence
    {
        get
        {
            lock (_lock)
            {
                return _lastSequence;
            }
        }
    }

    public void Publish(InboxEvent payload, DateTimeOffset at)
    {
        lock (_lock)
        {
            var item = new SequencedEvent(++_lastSequence, at, payload);
            if (_recent.Count == replayCapacity)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(item);
            _subscriber?.Write(item);
        }
    }

    /// <summary>Opens a stream replaying everything after <paramref name="afterSequence"/>; an older stream ends.</summary>
    /// <param name="sameEpoch">Whether the client's sequence numbers come from this server run.</param>
    public EventSubscription Subscribe(bool sameEpoch, ulong afterSequence, DateTimeOffset now)
    {
        var subscription = new EventSubscription(subscriberCapacity);
        lock (_lock)
        {
            _subscriber?.Complete();
            _subscriber = subscription;
            var oldest = _recent.Count > 0 ? _recent.Peek().Sequence : _lastSequence + 1;
            if (afterSequence > 0 && (!sameEpoch || afterSequence + 1 < oldest || afterSequence > _lastSequence))
            {
                var reason = sameEpoch
                    ? $"events after {afterSequence} are no longer kept; reload and resume from {_lastSequence}"
                    : "the server restarted; reload and resume from the new epoch";
                subscription.Write(new SequencedEvent(0, now, new StreamReset(reason)));
                afterSequence = _lastSequence;
            }

            foreach (var item in _recent)
            {
                if (item.Sequence > afterSequence)
                {
                    subscription.Write(item);
                }
            }
        }

        return subscription;
    }

    /// <summary>Tells the open stream why it ends, then ends it.</summary>
    public void End(string reason, SessionEndCause cause, DateTimeOffset now)
    {
        lock (_lock)
        {
            _subscriber?.Write(new SequencedEvent(0, now, new SessionEnded(reason, cause)));
            _subscriber?.Complete();
            _subscriber = null;
        }
    }

    public void Unsubscribe(EventSubscription subscription)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_subscriber, subscription))
            {
                _subscriber = null;
            }
        }

        subscription.Complete();
    }
}

using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Outbox;

/// <summary>
/// The outbound messages still owed to channels, held in memory beside their stored copies: per interaction in the
/// order written, where only the first may be in flight, so a later message never overtakes a retried earlier one.
/// Thread-safe: one lock around every operation (each is a few dictionary steps).
/// </summary>
internal sealed class OutboxQueue
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Message>> _byInteraction = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);

    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight.Count;
            }
        }
    }

    /// <summary>Queues the message behind the interaction's others; one already queued is left where it is.</summary>
    public void Enqueue(Message message)
    {
        lock (_lock)
        {
            if (!_byInteraction.TryGetValue(message.InteractionId, out var queue))
            {
                _byInteraction[message.InteractionId] = queue = [];
            }

            if (!queue.Exists(m => m.Id == message.Id))
            {
                queue.Add(message);
            }
        }
    }

    /// <summary>
    /// Marks in flight, and returns, up to <paramref name="limit"/> interactions' first messages that are due and not
    /// in flight already, the longest due first.
    /// </summary>
    public List<Message> TakeDue(DateTimeOffset now, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var due = new List<Message>();
        lock (_lock)
        {
            foreach (var (interactionId, queue) in _byInteraction)
            {
                if (!_inFlight.Contains(interactionId) && DueAt(queue[0]) <= now)
                {
                    due.Add(queue[0]);
                }
            }

            due.Sort((a, b) => DueAt(a).CompareTo(DueAt(b)));
            if (due.Count > limit)
            {
                due.RemoveRange(limit, due.Count - limit);
            }

            foreach (var message in due)
            {
                _inFlight.Add(message.InteractionId);
            }
        }

        return due;
    }

    /// <summary>When the earliest message not in flight falls due; null when none waits.</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_lock)
        {
            DateTimeOffset? next = null;
            foreach (var (interactionId, queue) in _byInteraction)
            {
                if (!_inFlight.Contains(interactionId) && (next is null || DueAt(queue[0]) < next))
                {
                    next = DueAt(queue[0]);
                }
            }

            return next;
        }
    }

    /// <summary>The attempt is over: the message leaves the queue when it is no longer owed, else waits for its next attempt.</summary>
    public void Settle(Message message)
    {
        lock (_lock)
        {
            _inFlight.Remove(message.InteractionId);
            if (!_byInteraction.TryGetValue(message.InteractionId, out var queue))
            {
                return;
            }

            var index = queue.FindIndex(m => m.Id == message.Id);
            if (index < 0)
            {
                return;
            }

            if (message.IsQueued)
            {
                queue[index] = message;
            }
            else
            {
                queue.RemoveAt(index);
                if (queue.Count == 0)
                {
                    _byInteraction.Remove(message.InteractionId);
                }
            }
        }
    }

    private static DateTimeOffset DueAt(Message message) => message.NextAttemptAt ?? message.CreatedAt;
}

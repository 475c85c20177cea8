using System.Collections.Concurrent;
using Inbox.Interactions.Agents;

namespace Inbox.Interactions.Events;

/// <summary>
/// Fans domain events out to agents' streams. Sequence numbers are per agent and per server run (the
/// <see cref="Epoch"/>); a UI resumes with the last number it saw and gets everything after it.
/// </summary>
internal sealed class EventHub(TimeProvider time)
{
    /// <summary>Events kept per agent for resuming: at a few events a second, minutes of disconnection.</summary>
    private const int ReplayCapacity = 2048;

    /// <summary>Events queued for a connected reader before it is deemed too slow and cut off.</summary>
    private const int SubscriberCapacity = 1024;

    private readonly ConcurrentDictionary<string, AgentEventStream> _streams = new(StringComparer.Ordinal);

    /// <summary>Identifies this server run, so sequence numbers from before a restart are recognised as stale.</summary>
    public string Epoch { get; } = Guid.NewGuid().ToString("N")[..16];

    public void Publish(string agentId, InboxEvent payload) => StreamOf(agentId).Publish(payload, time.GetUtcNow());

    public void Publish(IEnumerable<string> agentIds, InboxEvent payload)
    {
        foreach (var agentId in agentIds)
        {
            Publish(agentId, payload);
        }
    }

    public EventSubscription Subscribe(string agentId, string? epoch, ulong afterSequence) =>
        StreamOf(agentId).Subscribe(epoch == Epoch, afterSequence, time.GetUtcNow());

    public void Unsubscribe(string agentId, EventSubscription subscription) => StreamOf(agentId).Unsubscribe(subscription);

    public void EndSession(string agentId, string reason, SessionEndCause cause) => StreamOf(agentId).End(reason, cause, time.GetUtcNow());

    /// <summary>The sequence of the agent's latest event in this epoch; 0 when she has had none.</summary>
    public ulong LastSequence(string agentId) => StreamOf(agentId).LastSequence;

    private AgentEventStream StreamOf(string agentId) =>
        _streams.GetOrAdd(agentId, static _ => new AgentEventStream(ReplayCapacity, SubscriberCapacity));
}

using Inbox.Interactions.Agents;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;
using Inbox.Interactions.Storage;

namespace Inbox.Interactions.Engine;

/// <summary>
/// The changes one command makes, staged until they are stored: the engine's state and the events move only after
/// the store has them, so a failed write leaves everything as it was.
/// </summary>
internal sealed class InboxTransaction(DateTimeOffset now)
{
    private readonly Dictionary<string, Interaction> _interactions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentStatus> _agents = new(StringComparer.Ordinal);

    public DateTimeOffset Now { get; } = now;

    public InboxChanges Changes { get; } = new();

    public IReadOnlyDictionary<string, Interaction> Interactions => _interactions;

    public IReadOnlyDictionary<string, AgentStatus> Agents => _agents;

    /// <summary>Work to start once the changes are stored (sending messages to channels).</summary>
    public List<Func<Task>> AfterCommit { get; } = [];

    /// <summary>New outbound messages, for the outbox once they are stored.</summary>
    public List<Message> Outbound { get; } = [];

    /// <summary>Agents whose view may have changed without their status record changing.</summary>
    public HashSet<string> TouchedAgents { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether this is a deadline sweep: once stored, wrap-ups ended by <see cref="Now"/> count as announced.</summary>
    public bool SweptDeadlines { get; set; }

    public bool TryGet(string id, out Interaction interaction) => _interactions.TryGetValue(id, out interaction!);

    public Interaction Put(Interaction next)
    {
        var stored = next with { Version = next.Version + 1 };
        _interactions[next.Id] = stored;
        Changes.Interactions.RemoveAll(i => i.Id == next.Id);
        Changes.Interactions.Add(stored);
        return stored;
    }

    public void Put(AgentStatus status) => _agents[status.AgentId] = status;

    public void Put(Message message)
    {
        Changes.Messages.RemoveAll(m => m.Id == message.Id);
        Changes.Messages.Add(message);
    }

    public void Put(Chat chat) => Changes.Chats.Add(chat);

    public void Put(ChatMessage message) => Changes.ChatMessages.Add(message);
}

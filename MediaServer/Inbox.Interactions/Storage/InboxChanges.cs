using Inbox.Interactions.Chats;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Storage;

/// <summary>What one command changed: every record is written whole (insert or replace by id).</summary>
internal sealed class InboxChanges
{
    public List<Interaction> Interactions { get; } = [];

    public List<Message> Messages { get; } = [];

    public List<Chat> Chats { get; } = [];

    public List<ChatMessage> ChatMessages { get; } = [];

    public bool IsEmpty => Interactions.Count == 0 && Messages.Count == 0 && Chats.Count == 0 && ChatMessages.Count == 0;
}

using System.Collections.Immutable;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Chats;

/// <summary>One message in an internal chat.</summary>
internal sealed record ChatMessage(
    string Id,
    string ChatId,
    string AgentId,
    string Text,
    ImmutableArray<StoredAttachment> Attachments,
    DateTimeOffset CreatedAt);

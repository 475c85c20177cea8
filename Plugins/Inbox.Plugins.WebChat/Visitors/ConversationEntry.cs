namespace Inbox.Plugins.WebChat.Visitors;

/// <summary>One message of a visitor's conversation, numbered by <see cref="Seq"/> in the order she sees them.</summary>
/// <param name="Id">An agent message's inbox id (the provider id its status reports name), or the visitor's own id.</param>
/// <param name="From"><see cref="FromAgent"/> or <see cref="FromVisitor"/>.</param>
internal sealed record ConversationEntry(long Seq, string Id, string From, string Text, DateTimeOffset At, IReadOnlyList<EntryAttachment> Attachments)
{
    public const string FromAgent = "agent";
    public const string FromVisitor = "visitor";

    /// <summary>For an agent's message: whether her widget has it.</summary>
    public EntryStatus Status { get; init; }
}

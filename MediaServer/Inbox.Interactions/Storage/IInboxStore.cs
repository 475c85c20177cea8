using Inbox.Interactions.Channels;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Storage;

/// <summary>
/// Where the inbox keeps what users would miss after a crash. <see cref="CommitAsync"/> is all-or-nothing and
/// durable when it returns: the domain acknowledges a command only after it. SQLite is the embedded default,
/// PostgreSQL the server option; both pass the same contract tests.
/// </summary>
internal interface IInboxStore
{
    /// <summary>Creates or upgrades the schema to the version this build expects.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Stores every record of the change set (insert or replace by id) in one transaction.</summary>
    Task CommitAsync(InboxChanges changes, CancellationToken cancellationToken);

    /// <summary>Every interaction not yet closed, to resume after a restart.</summary>
    Task<IReadOnlyList<Interaction>> LoadOpenInteractionsAsync(CancellationToken cancellationToken);

    Task<Interaction?> FindInteractionAsync(string id, CancellationToken cancellationToken);

    /// <summary>Interactions matching the query, newest first.</summary>
    Task<IReadOnlyList<Interaction>> ListInteractionsAsync(InteractionQuery query, CancellationToken cancellationToken);

    /// <summary>An interaction's messages, oldest first.</summary>
    Task<IReadOnlyList<Message>> ListMessagesAsync(string interactionId, CancellationToken cancellationToken);

    Task<Message?> FindMessageAsync(string id, CancellationToken cancellationToken);

    /// <summary>The message a provider knows by its own id (for status callbacks and reply threading).</summary>
    Task<Message?> FindMessageByProviderIdAsync(ChannelKind channel, string providerMessageId, CancellationToken cancellationToken);

    /// <summary>When this customer last wrote on this channel, in any interaction: opens the messaging window.</summary>
    Task<DateTimeOffset?> LastInboundAtAsync(ChannelKind channel, string customerAddress, CancellationToken cancellationToken);

    Task<IReadOnlyList<Chat>> ListChatsAsync(CancellationToken cancellationToken);

    /// <summary>The outbound messages still owed to their channels (status sending), oldest first: the outbox after a restart.</summary>
    Task<IReadOnlyList<Message>> LoadOutboxAsync(CancellationToken cancellationToken);

    /// <summary>The kept delivery reports for a provider id no message had when they came, oldest first.</summary>
    Task<IReadOnlyList<EarlyStatusReport>> FindEarlyReportsAsync(ChannelKind channel, string providerMessageId, CancellationToken cancellationToken);

    /// <summary>A chat's messages before a point in time (or the latest), newest last, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ChatMessage>> ListChatMessagesAsync(string chatId, DateTimeOffset? before, int limit, CancellationToken cancellationToken);
}

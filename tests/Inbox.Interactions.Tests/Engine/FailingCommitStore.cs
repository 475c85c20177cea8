using Inbox.Interactions.Channels;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;
using Inbox.Interactions.Storage;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>
/// A real store whose commits can be made to fail, as a full disk or a lost database connection would: the write
/// throws and nothing is stored. Everything else goes straight to the store underneath.
/// </summary>
internal sealed class FailingCommitStore(IInboxStore inner) : IInboxStore
{
    /// <summary>When set, every commit throws <see cref="IOException"/> without storing anything.</summary>
    public bool FailCommits { get; set; }

    public Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public Task CommitAsync(InboxChanges changes, CancellationToken cancellationToken) =>
        FailCommits ? Task.FromException(new IOException("disk full")) : inner.CommitAsync(changes, cancellationToken);

    public Task<IReadOnlyList<Interaction>> LoadOpenInteractionsAsync(CancellationToken cancellationToken) =>
        inner.LoadOpenInteractionsAsync(cancellationToken);

    public Task<Interaction?> FindInteractionAsync(string id, CancellationToken cancellationToken) => inner.FindInteractionAsync(id, cancellationToken);

    public Task<IReadOnlyList<Interaction>> ListInteractionsAsync(InteractionQuery query, CancellationToken cancellationToken) =>
        inner.ListInteractionsAsync(query, cancellationToken);

    public Task<IReadOnlyList<Message>> ListMessagesAsync(string interactionId, CancellationToken cancellationToken) =>
        inner.ListMessagesAsync(interactionId, cancellationToken);

    public Task<Message?> FindMessageAsync(string id, CancellationToken cancellationToken) => inner.FindMessageAsync(id, cancellationToken);

    public Task<Message?> FindMessageByProviderIdAsync(ChannelKind channel, string providerMessageId, CancellationToken cancellationToken) =>
        inner.FindMessageByProviderIdAsync(channel, providerMessageId, cancellationToken);

    public Task<DateTimeOffset?> LastInboundAtAsync(ChannelKind channel, string customerAddress, CancellationToken cancellationToken) =>
        inner.LastInboundAtAsync(channel, customerAddress, cancellationToken);

    public Task<IReadOnlyList<Chat>> ListChatsAsync(CancellationToken cancellationToken) => inner.ListChatsAsync(cancellationToken);

    public Task<IReadOnlyList<Message>> LoadOutboxAsync(CancellationToken cancellationToken) => inner.LoadOutboxAsync(cancellationToken);

    public Task<IReadOnlyList<EarlyStatusReport>> FindEarlyReportsAsync(ChannelKind channel, string providerMessageId, CancellationToken cancellationToken) =>
        inner.FindEarlyReportsAsync(channel, providerMessageId, cancellationToken);

    public Task<IReadOnlyList<ChatMessage>> ListChatMessagesAsync(string chatId, DateTimeOffset? before, int limit, CancellationToken cancellationToken) =>
        inner.ListChatMessagesAsync(chatId, before, limit, cancellationToken);
}

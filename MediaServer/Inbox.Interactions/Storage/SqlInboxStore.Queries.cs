using System.Data.Common;
using System.Globalization;
using System.Text;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Storage;

/// <summary>The reads: plain SQL that SQLite and PostgreSQL both run as written, each backed by an index.</summary>
internal abstract partial class SqlInboxStore
{
    // The literals 'closed' and 'inbound' are the stored names of InteractionState.Closed and
    // MessageDirection.Inbound, written out so that the partial indexes declaring the same predicates apply.
    private const string OpenInteractions =
        "SELECT data FROM interactions WHERE state <> 'closed' ORDER BY created_at, id";

    private const string InteractionById = "SELECT data FROM interactions WHERE id = @id";

    private const string MessagesOfInteraction =
        "SELECT data FROM messages WHERE interaction_id = @interaction_id ORDER BY created_at, id";

    private const string MessageById = "SELECT data FROM messages WHERE id = @id";

    private const string MessageByProviderId = """
        SELECT m.data FROM messages m JOIN interactions i ON i.id = m.interaction_id
        WHERE m.provider_message_id = @provider_message_id AND i.channel = @channel
        ORDER BY m.created_at, m.id LIMIT 1
        """;

    private const string LastInbound = """
        SELECT MAX(m.created_at) FROM interactions i JOIN messages m ON m.interaction_id = i.id
        WHERE i.customer_address = @customer_address AND i.channel = @channel AND m.direction = 'inbound'
        """;

    private const string AllChats = "SELECT data FROM chats ORDER BY created_at, id";

    private const string LatestChatMessages =
        "SELECT data FROM chat_messages WHERE chat_id = @chat_id ORDER BY created_at DESC, id DESC LIMIT @limit";

    private const string ChatMessagesBefore = """
        SELECT data FROM chat_messages WHERE chat_id = @chat_id AND created_at < @before
        ORDER BY created_at DESC, id DESC LIMIT @limit
        """;

    public Task<IReadOnlyList<Interaction>> LoadOpenInteractionsAsync(CancellationToken cancellationToken) =>
        QueryAsync(OpenInteractions, [], StoredValue.ReadInteraction, cancellationToken);

    public async Task<Interaction?> FindInteractionAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var found = await QueryAsync(InteractionById, [("@id", id)], StoredValue.ReadInteraction, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<Interaction>> ListInteractionsAsync(InteractionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        if (query.CampaignIds is { Count: 0 })
        {
            // An agent in no campaign sees nothing; "IN ()" is not SQL.
            return Task.FromResult<IReadOnlyList<Interaction>>([]);
        }

        var (sql, parameters) = InteractionSearch(query);
        return QueryAsync(sql, parameters, StoredValue.ReadInteraction, cancellationToken);
    }

    public Task<IReadOnlyList<Message>> ListMessagesAsync(string interactionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interactionId);
        return QueryAsync(MessagesOfInteraction, [("@interaction_id", interactionId)], StoredValue.ReadMessage, cancellationToken);
    }

    public async Task<Message?> FindMessageAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var found = await QueryAsync(MessageById, [("@id", id)], StoredValue.ReadMessage, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<Message?> FindMessageByProviderIdAsync(ChannelKind channel, string providerMessageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providerMessageId);
        var found = await QueryAsync(
            MessageByProviderId,
            [("@provider_message_id", providerMessageId), ("@channel", StoredValue.Name(channel))],
            StoredValue.ReadMessage,
            cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<DateTimeOffset?> LastInboundAtAsync(ChannelKind channel, string customerAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerAddress);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, LastInbound);
        AddParameter(command, "@customer_address", customerAddress);
        AddParameter(command, "@channel", StoredValue.Name(channel));
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : StoredValue.Time(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    public Task<IReadOnlyList<Chat>> ListChatsAsync(CancellationToken cancellationToken) =>
        QueryAsync(AllChats, [], StoredValue.ReadChat, cancellationToken);

    public async Task<IReadOnlyList<ChatMessage>> ListChatMessagesAsync(
        string chatId, DateTimeOffset? before, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chatId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var newestFirst = before is { } cursor
            ? await QueryAsync(
                ChatMessagesBefore,
                [("@chat_id", chatId), ("@before", StoredValue.Time(cursor)), ("@limit", (long)limit)],
                StoredValue.ReadChatMessage,
                cancellationToken).ConfigureAwait(false)
            : await QueryAsync(
                LatestChatMessages, [("@chat_id", chatId), ("@limit", (long)limit)], StoredValue.ReadChatMessage, cancellationToken)
                .ConfigureAwait(false);
        var oldestFirst = new ChatMessage[newestFirst.Count];
        for (var i = 0; i < oldestFirst.Length; i++)
        {
            oldestFirst[i] = newestFirst[newestFirst.Count - 1 - i];
        }

        return oldestFirst;
    }

    /// <summary>The history search: one condition per filter set, newest first with the id breaking ties.</summary>
    private static (string Sql, List<(string Name, object? Value)> Parameters) InteractionSearch(InteractionQuery query)
    {
        var conditions = new List<string>();
        var parameters = new List<(string Name, object? Value)>();
        void Add(string condition, string name, object value)
        {
            conditions.Add(condition);
            parameters.Add((name, value));
        }

        if (query.AgentId is not null)
        {
            Add("agent_id = @agent_id", "@agent_id", query.AgentId);
        }

        if (query.CampaignIds is not null)
        {
            var names = new List<string>(query.CampaignIds.Count);
            foreach (var campaignId in query.CampaignIds)
            {
                var name = $"@campaign{names.Count}";
                names.Add(name);
                parameters.Add((name, campaignId));
            }

            conditions.Add($"campaign_id IN ({string.Join(", ", names)})");
        }

        if (query.Channel is { } channel)
        {
            Add("channel = @channel", "@channel", StoredValue.Name(channel));
        }

        if (query.CustomerAddress is not null)
        {
            Add("customer_address = @customer_address", "@customer_address", query.CustomerAddress);
        }

        if (query.State is { } state)
        {
            Add("state = @state", "@state", StoredValue.Name(state));
        }

        if (query.CreatedBefore is { } before)
        {
            Add("created_at < @created_before", "@created_before", StoredValue.Time(before));
        }

        var sql = new StringBuilder("SELECT data FROM interactions");
        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        sql.Append(" ORDER BY created_at DESC, id DESC LIMIT @limit");
        parameters.Add(("@limit", (long)query.Limit));
        return (sql.ToString(), parameters);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, IReadOnlyList<(string Name, object? Value)> parameters, Func<string, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql);
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        var results = new List<T>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            results.Add(read(reader.GetString(0)));
        }

        return results;
    }
}

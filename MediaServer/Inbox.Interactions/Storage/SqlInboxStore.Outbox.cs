using System.Data.Common;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Storage;

/// <summary>The outbox's reads and the early delivery reports' deletions.</summary>
internal abstract partial class SqlInboxStore
{
    private const string QueuedMessages =
        "SELECT data FROM messages WHERE next_attempt_at IS NOT NULL ORDER BY created_at, id";

    private const string EarlyReportsOf = """
        SELECT data FROM early_reports WHERE provider_message_id = @provider_message_id AND channel = @channel
        ORDER BY received_at, id
        """;

    private const string DeleteEarlyReport = "DELETE FROM early_reports WHERE id = @id";

    private const string DeleteExpiredEarlyReports = "DELETE FROM early_reports WHERE received_at < @before";

    public Task<IReadOnlyList<Message>> LoadOutboxAsync(CancellationToken cancellationToken) =>
        QueryAsync(QueuedMessages, [], StoredValue.ReadMessage, cancellationToken);

    public Task<IReadOnlyList<EarlyStatusReport>> FindEarlyReportsAsync(ChannelKind channel, string providerMessageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providerMessageId);
        return QueryAsync(
            EarlyReportsOf,
            [("@provider_message_id", providerMessageId), ("@channel", StoredValue.Name(channel))],
            StoredValue.ReadEarlyReport,
            cancellationToken);
    }

    private static async Task DeleteEarlyReportsAsync(DbConnection connection, DbTransaction transaction, InboxChanges changes, CancellationToken cancellationToken)
    {
        foreach (var id in changes.AppliedEarlyReports)
        {
            await using var command = Command(connection, transaction, DeleteEarlyReport);
            AddParameter(command, "@id", id);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (changes.ExpireEarlyReportsBefore is { } before)
        {
            await using var command = Command(connection, transaction, DeleteExpiredEarlyReports);
            AddParameter(command, "@before", StoredValue.Time(before));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

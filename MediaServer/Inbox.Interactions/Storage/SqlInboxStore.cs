using System.Data;
using System.Data.Common;

namespace Inbox.Interactions.Storage;

/// <summary>
/// The store over ADO.NET that both engines share: the same tables (<see cref="StoredRows"/>), the same SQL and so
/// the same behaviour. An engine supplies its connections and its schema steps. Thread-safe: every call takes its
/// own connection from the engine's pool.
/// </summary>
internal abstract partial class SqlInboxStore : IInboxStore
{
    private const string RecordVersion = "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @applied_at)";

    /// <summary>The schema's history, oldest first; its last version is the one this build expects.</summary>
    protected abstract IReadOnlyList<SchemaMigration> Migrations { get; }

    /// <summary><c>CREATE TABLE IF NOT EXISTS schema_migrations (version ... PRIMARY KEY, applied_at ...)</c>.</summary>
    protected abstract string CreateMigrationsTable { get; }

    /// <summary>The schema version this build writes.</summary>
    public int SchemaVersion => SchemaMigration.Latest(Migrations);

    /// <summary>An open connection; the caller disposes it.</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    public abstract Task MigrateAsync(CancellationToken cancellationToken);

    public async Task CommitAsync(InboxChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        cancellationToken.ThrowIfCancellationRequested();
        if (changes.IsEmpty)
        {
            return;
        }

        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // SQLite begins IMMEDIATE here (Microsoft.Data.Sqlite does for every level but ReadUncommitted): the write
        // lock is taken, or waited for, up front instead of failing when a read snapshot tries to become a write.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(StoredTable Table, object?[] Values)>(
            changes.Interactions.Count + changes.Messages.Count + changes.Chats.Count + changes.ChatMessages.Count + changes.EarlyReports.Count);
        rows.AddRange(changes.Interactions.Select(x => (StoredRows.Interactions, StoredRows.Of(x))));
        rows.AddRange(changes.Messages.Select(x => (StoredRows.Messages, StoredRows.Of(x))));
        rows.AddRange(changes.Chats.Select(x => (StoredRows.Chats, StoredRows.Of(x))));
        rows.AddRange(changes.ChatMessages.Select(x => (StoredRows.ChatMessages, StoredRows.Of(x))));
        rows.AddRange(changes.EarlyReports.Select(x => (StoredRows.EarlyReports, StoredRows.Of(x))));
        if (rows.Count > 0)
        {
            await (connection.CanCreateBatch
                ? WriteBatchAsync(connection, transaction, rows, cancellationToken)
                : WriteEachAsync(connection, transaction, rows, cancellationToken)).ConfigureAwait(false);
        }

        await DeleteEarlyReportsAsync(connection, transaction, changes, cancellationToken).ConfigureAwait(false);

        // Not cancellable: once COMMIT is sent the caller must learn whether it happened. Both engines return from
        // it only when the transaction is on disk (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on).
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Applies the steps this database lacks, each in its own transaction, after refusing a newer schema.</summary>
    protected async Task ApplyMigrationsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, CreateMigrationsTable, cancellationToken).ConfigureAwait(false);
        var current = await CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        if (current > SchemaVersion)
        {
            throw SchemaMigration.NewerThanBuild(current, SchemaVersion);
        }

        foreach (var step in Migrations)
        {
            if (step.Version <= current)
            {
                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // Another server may have migrated since the first look; inside the transaction the answer holds.
            if (await CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false) >= step.Version)
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, step.Sql, cancellationToken).ConfigureAwait(false);
            await using (var record = Command(connection, transaction, RecordVersion))
            {
                AddParameter(record, "@version", (long)step.Version);
                AddParameter(record, "@applied_at", StoredValue.Time(DateTimeOffset.UtcNow));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every upsert in one prepared batch: one round trip to a server (PostgreSQL).</summary>
    private static async Task WriteBatchAsync(
        DbConnection connection, DbTransaction transaction, List<(StoredTable Table, object?[] Values)> rows, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var (table, values) in rows)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = table.Upsert;
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                Bind(parameter, StoredTable.Parameter(i), values[i], table.TypeOf(i));
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One prepared statement per table, run once per row: an embedded engine has no round trip to save.</summary>
    private static async Task WriteEachAsync(
        DbConnection connection, DbTransaction transaction, List<(StoredTable Table, object?[] Values)> rows, CancellationToken cancellationToken)
    {
        DbCommand? command = null;
        StoredTable? prepared = null;
        try
        {
            foreach (var (table, values) in rows)
            {
                if (!ReferenceEquals(table, prepared))
                {
                    if (command is not null)
                    {
                        await command.DisposeAsync().ConfigureAwait(false);
                    }

                    command = Command(connection, transaction, table.Upsert);
                    for (var i = 0; i < values.Length; i++)
                    {
                        var parameter = command.CreateParameter();
                        Bind(parameter, StoredTable.Parameter(i), values[i], table.TypeOf(i));
                        command.Parameters.Add(parameter);
                    }

                    await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
                    prepared = table;
                }

                for (var i = 0; i < values.Length; i++)
                {
                    command!.Parameters[i].Value = values[i] ?? DBNull.Value;
                }

                await command!.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        Bind(parameter, name, value, value is long ? DbType.Int64 : DbType.String);
        command.Parameters.Add(parameter);
    }

    // The type is explicit so that a null still has one: PostgreSQL must know a parameter's type to prepare it.
    private static void Bind(DbParameter parameter, string name, object? value, DbType type)
    {
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
    }
}

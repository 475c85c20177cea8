using System.Data;
using System.Data.Common;
using Npgsql;

namespace Inbox.Interactions.Storage.Postgres;

/// <summary>
/// The server store: the same tables as SQLite's in a PostgreSQL database. Thread-safe: every call uses its own
/// connection from the data source's pool. A commit is durable when it returns as long as the server keeps its
/// default <c>synchronous_commit = on</c>. Disposing it closes the pool.
/// </summary>
internal sealed partial class PostgresInboxStore : SqlInboxStore, IAsyncDisposable
{
    // Any 64-bit number every migrator agrees on; this one is "Inbox" in ASCII.
    private const long MigrationLock = 0x49_6E_62_6F_78;

    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connectionString">An Npgsql connection string naming an existing database.</param>
    public PostgresInboxStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Shows in pg_stat_activity, so an operator can tell the inbox's sessions apart.
        builder.ConnectionStringBuilder.ApplicationName ??= "Inbox";
        _dataSource = builder.Build();
    }

    protected override IReadOnlyList<SchemaMigration> Migrations => s_migrations;

    protected override string CreateMigrationsTable => """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer PRIMARY KEY,
            applied_at bigint  NOT NULL
        )
        """;

    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Servers starting together migrate one at a time: two concurrent CREATE TABLEs of one name fail.
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ApplyMigrationsAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The pool would otherwise keep the lock on this session; a broken session has already lost it.
            if (connection.State == ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None)
                    .ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
}

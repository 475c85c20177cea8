using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Inbox.Interactions.Storage.Sqlite;

/// <summary>
/// The embedded store: tables in one SQLite file (the host's <c>data/inbox.db</c>, beside its other tables), in
/// WAL mode so readers never wait for the writer. Thread-safe: every call uses its own pooled connection and SQLite
/// serializes the writers. Disposing it closes the pooled connections.
/// </summary>
internal sealed partial class SqliteInboxStore : SqlInboxStore, IAsyncDisposable
{
    // Set on every connection, since both are per connection and pooled connections may be shared with other code
    // opening the same file. synchronous=FULL: an acknowledged command must survive power loss, not only a process
    // crash, and in WAL mode NORMAL may lose the last commits when the machine loses power (it skips the fsync of the
    // WAL at commit). Inbox commands are a few per second, so an fsync per commit is affordable.
    // busy_timeout: a second writer (or a checkpoint) waits up to 5 s for the lock instead of failing at once.
    private const string ConnectionPragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;";

    private readonly string _connectionString;

    /// <param name="databasePath">The SQLite file, created with its folder when missing.</param>
    public SqliteInboxStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    public string DatabasePath { get; }

    protected override IReadOnlyList<SchemaMigration> Migrations => s_migrations;

    protected override string CreateMigrationsTable => """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            applied_at INTEGER NOT NULL
        ) STRICT
        """;

    /// <summary>An open connection with the store's pragmas set; the caller disposes it.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, ConnectionPragmas, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // Stored in the file, so set once for every connection; it cannot change inside a transaction.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false);
        await ApplyMigrationsAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await OpenAsync(cancellationToken).ConfigureAwait(false);
}

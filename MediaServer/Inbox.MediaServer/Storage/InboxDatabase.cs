using Microsoft.Data.Sqlite;

namespace Inbox.MediaServer.Storage;

/// <summary>
/// The embedded SQLite database under the data folder, in WAL mode so readers never wait for the writer.
/// Creates its schema on first open.
/// </summary>
internal sealed class InboxDatabase
{
    private readonly string _connectionString;

    public InboxDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        Path = System.IO.Path.Combine(dataDirectory, "inbox.db");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS sip_bindings (
                aor         TEXT    NOT NULL,
                contact     TEXT    NOT NULL,
                expires_at  INTEGER NOT NULL,
                call_id     TEXT    NOT NULL,
                cseq        INTEGER NOT NULL,
                source      TEXT    NOT NULL,
                user_agent  TEXT,
                updated_at  INTEGER NOT NULL,
                PRIMARY KEY (aor, contact)
            );
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

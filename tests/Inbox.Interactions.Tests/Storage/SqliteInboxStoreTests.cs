using Inbox.Interactions.Storage;
using Inbox.Interactions.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Inbox.Interactions.Tests.Storage;

/// <summary>The contract on SQLite, a new file in its own temporary folder per test; plus SQLite's own settings.</summary>
public sealed class SqliteInboxStoreTests : InboxStoreContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"inbox-store-tests-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(_directory, "inbox.db");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task OpenAsync_Connection_IsWalWithFullSynchronousAndABusyTimeout()
    {
        await using var connection = await ((SqliteInboxStore)Store).OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal(2L, await PragmaAsync(connection, "synchronous")); // FULL
        Assert.True((long)(await PragmaAsync(connection, "busy_timeout"))! > 0);
    }

    [Fact]
    public async Task OpenAsync_PooledConnectionLeftAtNormalByOtherCode_IsFullAgain()
    {
        var store = (SqliteInboxStore)Store;
        // The host's sip_bindings code opens the same file and sets NORMAL on its own connections.
        await using (var other = await store.OpenAsync(TestContext.Current.CancellationToken))
        {
            await PragmaAsync(other, "synchronous = NORMAL");
        }

        await using var connection = await store.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2L, await PragmaAsync(connection, "synchronous"));
    }

    [Fact]
    public async Task MigrateAsync_FileWithTheHostsTables_LeavesThemAlone()
    {
        var otherFile = Path.Combine(_directory, "shared.db");
        await ExecuteAsync(otherFile, """
            CREATE TABLE sip_bindings (aor TEXT NOT NULL, contact TEXT NOT NULL, PRIMARY KEY (aor, contact));
            INSERT INTO sip_bindings VALUES ('sip:1001@inbox', 'sip:1001@10.0.0.5:5060');
            """);
        var shared = new SqliteInboxStore(otherFile);

        await shared.MigrateAsync(TestContext.Current.CancellationToken);
        await shared.DisposeAsync();

        Assert.Equal(1L, await ScalarAsync(otherFile, "SELECT COUNT(*) FROM sip_bindings"));
        Assert.Equal(shared.SchemaVersion, await ScalarAsync(otherFile, "SELECT COUNT(*) FROM schema_migrations"));
    }

    private protected override IInboxStore CreateStore() => new SqliteInboxStore(DatabasePath);

    private protected override Task ExecuteSqlAsync(string sql) => ExecuteAsync(DatabasePath, sql);

    private protected override Task<long> ScalarAsync(string sql) => ScalarAsync(DatabasePath, sql);

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = await OpenRawAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<long> ScalarAsync(string path, string sql)
    {
        await using var connection = await OpenRawAsync(path);
        return (long)(await PragmaOrScalarAsync(connection, sql))!;
    }

    private static async Task<SqliteConnection> OpenRawAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static Task<object?> PragmaAsync(SqliteConnection connection, string pragma) => PragmaOrScalarAsync(connection, $"PRAGMA {pragma}");

    private static async Task<object?> PragmaOrScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}

using Inbox.Interactions.Storage;
using Inbox.Interactions.Storage.Postgres;
using Npgsql;

namespace Inbox.Interactions.Tests.Storage;

/// <summary>
/// The contract on PostgreSQL: each test creates its own database on the server named by INBOX_TEST_POSTGRES and
/// drops it afterwards, so tests are isolated and may run in parallel. Without the variable the tests fail: a
/// missing peer is not a reason to skip.
/// </summary>
[Trait("Category", "E2E")]
public sealed class PostgresInboxStoreTests : InboxStoreContractTests
{
    private const string ServerVariable = "INBOX_TEST_POSTGRES";

    private readonly string _database = $"inbox_test_{Guid.NewGuid():N}";
    private string? _server;
    private string? _connectionString;

    private string ConnectionString => _connectionString ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public override async ValueTask InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set: the PostgreSQL store tests need a server. Set it to an Npgsql connection " +
                $"string whose user may CREATE DATABASE, e.g. export {ServerVariable}='Host=127.0.0.1;Port=5432;" +
                "Username=inbox;Password=inbox;Database=postgres', or run tests/run-all.sh as root, which starts a local " +
                "PostgreSQL and sets it.");
        }

        // Its Database is only where CREATE DATABASE runs; "postgres" exists on every server.
        _server = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString();
        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _database }.ToString();
        await ExecuteAsync(_server, $"CREATE DATABASE {_database} ENCODING 'UTF8' TEMPLATE template0");
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }
    }

    private protected override IInboxStore CreateStore() => new PostgresInboxStore(ConnectionString);

    private protected override Task ExecuteSqlAsync(string sql) => ExecuteAsync(Raw(), sql);

    private protected override async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Raw());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private string Raw() => new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString();
}

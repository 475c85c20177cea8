using Npgsql;

namespace Inbox.EndToEndTests;

/// <summary>
/// A fresh database on the PostgreSQL server named by <c>INBOX_TEST_POSTGRES</c> (tests/run-all.sh starts one and
/// sets it), dropped afterwards. A missing server fails the test: the PostgreSQL store is tested for real or not at all.
/// </summary>
internal sealed class ScratchPostgresDatabase : IAsyncDisposable
{
    private const string ServerVariable = "INBOX_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name;

    private ScratchPostgresDatabase(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ScratchPostgresDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set: set it to an Npgsql connection string of a user who may CREATE DATABASE, " +
                "or run tests/run-all.sh as root, which starts a local PostgreSQL and sets it.");
        }

        var name = $"inbox_e2e_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString();
        await ExecuteAsync(admin, $"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0");
        return new ScratchPostgresDatabase(admin, name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString());
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

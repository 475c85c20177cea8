using Inbox.Interactions.Storage;
using Inbox.Interactions.Storage.Postgres;
using Inbox.Interactions.Storage.Sqlite;

namespace Inbox.Interactions.Tests.Storage;

/// <summary>The factory only builds stores; none of these tests opens a database.</summary>
public sealed class InboxStoreFactoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"inbox-store-tests-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_directory))
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Create_Defaults_IsSqliteOnInboxDbInTheDataFolder()
    {
        var store = InboxStoreFactory.Create(new InboxStoreOptions(), _directory);

        var sqlite = Assert.IsType<SqliteInboxStore>(store);
        Assert.Equal(Path.Combine(_directory, "inbox.db"), sqlite.DatabasePath);
        await sqlite.DisposeAsync();
    }

    [Fact]
    public async Task Create_PostgreSql_IsPostgresStore()
    {
        var options = new InboxStoreOptions { Provider = InboxStoreProvider.PostgreSql, ConnectionString = "Host=db;Database=inbox;Username=inbox" };

        var store = InboxStoreFactory.Create(options, _directory);

        await Assert.IsType<PostgresInboxStore>(store).DisposeAsync();
    }

    [Fact]
    public void Create_PostgreSqlWithoutConnectionString_ThrowsNamingTheKey()
    {
        var options = new InboxStoreOptions { Provider = InboxStoreProvider.PostgreSql };

        var error = Assert.Throws<InvalidOperationException>(() => InboxStoreFactory.Create(options, _directory));

        Assert.Equal("Storage:ConnectionString is required when Storage:Provider is PostgreSql.", error.Message);
    }
}

using Inbox.Interactions.Storage.Postgres;
using Inbox.Interactions.Storage.Sqlite;

namespace Inbox.Interactions.Storage;

/// <summary>Builds the store the options name. The caller runs <see cref="IInboxStore.MigrateAsync"/> before use.</summary>
internal static class InboxStoreFactory
{
    /// <summary>The SQLite file's name in the data folder, beside the host's other tables.</summary>
    public const string SqliteFileName = "inbox.db";

    /// <param name="options">Validated options.</param>
    /// <param name="dataDirectory">The server's data folder, where the SQLite file lives.</param>
    /// <returns>A store the caller owns: it is <see cref="IAsyncDisposable"/>.</returns>
    public static IInboxStore Create(InboxStoreOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        return options.Provider switch
        {
            InboxStoreProvider.Sqlite => new SqliteInboxStore(Path.Combine(dataDirectory, SqliteFileName)),
            InboxStoreProvider.PostgreSql when !string.IsNullOrWhiteSpace(options.ConnectionString) =>
                new PostgresInboxStore(options.ConnectionString),
            InboxStoreProvider.PostgreSql => throw new InvalidOperationException(
                "Storage:ConnectionString is required when Storage:Provider is PostgreSql."),
            _ => throw new InvalidOperationException($"Storage:Provider: '{options.Provider}' is not supported."),
        };
    }
}

namespace Inbox.Interactions.Storage;

/// <summary>The databases the inbox can keep its interactions, messages and chats in.</summary>
internal enum InboxStoreProvider
{
    /// <summary>The embedded file <c>inbox.db</c> in the data folder: nothing to install or run.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for operators who already run one or want its backups and replicas.</summary>
    PostgreSql,
}

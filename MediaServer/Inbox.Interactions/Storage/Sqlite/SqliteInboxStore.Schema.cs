namespace Inbox.Interactions.Storage.Sqlite;

/// <summary>The SQLite schema's history. The tables mirror PostgresInboxStore's column for column.</summary>
internal sealed partial class SqliteInboxStore
{
    // STRICT tables (SQLite 3.37+) refuse a value of the wrong type instead of storing it. Times are INTEGER UTC
    // microseconds since 1970 and data is the record's JSON (see StoredValue).
    private static readonly SchemaMigration[] s_migrations =
    [
        new(1, """
            CREATE TABLE interactions (
                id               TEXT    NOT NULL PRIMARY KEY,
                channel          TEXT    NOT NULL,
                campaign_id      TEXT    NOT NULL,
                customer_address TEXT    NOT NULL,
                state            TEXT    NOT NULL,
                agent_id         TEXT,
                created_at       INTEGER NOT NULL,
                data             TEXT    NOT NULL
            ) STRICT;
            CREATE INDEX ix_interactions_created ON interactions (created_at, id);
            CREATE INDEX ix_interactions_open ON interactions (created_at, id) WHERE state <> 'closed';
            CREATE INDEX ix_interactions_agent ON interactions (agent_id, created_at, id);
            CREATE INDEX ix_interactions_campaign ON interactions (campaign_id, created_at, id);
            CREATE INDEX ix_interactions_customer ON interactions (customer_address, channel, created_at, id);

            CREATE TABLE messages (
                id                  TEXT    NOT NULL PRIMARY KEY,
                interaction_id      TEXT    NOT NULL,
                direction           TEXT    NOT NULL,
                provider_message_id TEXT,
                created_at          INTEGER NOT NULL,
                data                TEXT    NOT NULL
            ) STRICT;
            CREATE INDEX ix_messages_interaction ON messages (interaction_id, created_at, id);
            CREATE INDEX ix_messages_inbound ON messages (interaction_id, created_at) WHERE direction = 'inbound';
            CREATE INDEX ix_messages_provider ON messages (provider_message_id) WHERE provider_message_id IS NOT NULL;

            CREATE TABLE chats (
                id         TEXT    NOT NULL PRIMARY KEY,
                created_at INTEGER NOT NULL,
                data       TEXT    NOT NULL
            ) STRICT;

            CREATE TABLE chat_messages (
                id         TEXT    NOT NULL PRIMARY KEY,
                chat_id    TEXT    NOT NULL,
                agent_id   TEXT    NOT NULL,
                created_at INTEGER NOT NULL,
                data       TEXT    NOT NULL
            ) STRICT;
            CREATE INDEX ix_chat_messages_chat ON chat_messages (chat_id, created_at, id);
            """),
    ];
}

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

        // The outbox: next_attempt_at is set while a message is owed to its channel. Messages a previous build left
        // sending are queued now, due at once. early_reports keeps delivery reports that came before their send's result.
        new(2, """
            ALTER TABLE messages ADD COLUMN next_attempt_at INTEGER;
            UPDATE messages SET next_attempt_at = created_at
            WHERE direction = 'outbound' AND json_extract(data, '$.status') = 'sending';
            CREATE INDEX ix_messages_outbox ON messages (created_at, id) WHERE next_attempt_at IS NOT NULL;

            CREATE TABLE early_reports (
                id                  TEXT    NOT NULL PRIMARY KEY,
                channel             TEXT    NOT NULL,
                provider_message_id TEXT    NOT NULL,
                received_at         INTEGER NOT NULL,
                data                TEXT    NOT NULL
            ) STRICT;
            CREATE INDEX ix_early_reports_provider ON early_reports (provider_message_id, channel);
            CREATE INDEX ix_early_reports_received ON early_reports (received_at);
            """),
    ];
}

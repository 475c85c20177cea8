namespace Inbox.Interactions.Storage.Postgres;

/// <summary>The PostgreSQL schema's history. The tables mirror SqliteInboxStore's column for column.</summary>
internal sealed partial class PostgresInboxStore
{
    // Times are bigint UTC microseconds since 1970 (see StoredValue), as in SQLite. data is text, not jsonb: nothing
    // queries inside it, and jsonb refuses the escape \u0000 that customer-supplied text may carry.
    // Ids are COLLATE "C" (byte order) so that ties on created_at sort by id exactly as SQLite's BINARY collation
    // does, whatever the database's locale; byte comparison is also the cheapest.
    private static readonly SchemaMigration[] s_migrations =
    [
        new(1, """
            CREATE TABLE interactions (
                id               text COLLATE "C" PRIMARY KEY,
                channel          text   NOT NULL,
                campaign_id      text   NOT NULL,
                customer_address text   NOT NULL,
                state            text   NOT NULL,
                agent_id         text,
                created_at       bigint NOT NULL,
                data             text   NOT NULL
            );
            CREATE INDEX ix_interactions_created ON interactions (created_at, id);
            CREATE INDEX ix_interactions_open ON interactions (created_at, id) WHERE state <> 'closed';
            CREATE INDEX ix_interactions_agent ON interactions (agent_id, created_at, id);
            CREATE INDEX ix_interactions_campaign ON interactions (campaign_id, created_at, id);
            CREATE INDEX ix_interactions_customer ON interactions (customer_address, channel, created_at, id);

            CREATE TABLE messages (
                id                  text COLLATE "C" PRIMARY KEY,
                interaction_id      text   NOT NULL,
                direction           text   NOT NULL,
                provider_message_id text,
                created_at          bigint NOT NULL,
                data                text   NOT NULL
            );
            CREATE INDEX ix_messages_interaction ON messages (interaction_id, created_at, id);
            CREATE INDEX ix_messages_inbound ON messages (interaction_id, created_at) WHERE direction = 'inbound';
            CREATE INDEX ix_messages_provider ON messages (provider_message_id) WHERE provider_message_id IS NOT NULL;

            CREATE TABLE chats (
                id         text COLLATE "C" PRIMARY KEY,
                created_at bigint NOT NULL,
                data       text   NOT NULL
            );

            CREATE TABLE chat_messages (
                id         text COLLATE "C" PRIMARY KEY,
                chat_id    text   NOT NULL,
                agent_id   text   NOT NULL,
                created_at bigint NOT NULL,
                data       text   NOT NULL
            );
            CREATE INDEX ix_chat_messages_chat ON chat_messages (chat_id, created_at, id);
            """),

        // The outbox: next_attempt_at is set while a message is owed to its channel. Messages a previous build left
        // sending are queued now, due at once (data is read as json, not jsonb, which would refuse \u0000 in a text).
        // early_reports keeps delivery reports that came before their send's result.
        new(2, """
            ALTER TABLE messages ADD COLUMN next_attempt_at bigint;
            UPDATE messages SET next_attempt_at = created_at
            WHERE direction = 'outbound' AND (data::json ->> 'status') = 'sending';
            CREATE INDEX ix_messages_outbox ON messages (created_at, id) WHERE next_attempt_at IS NOT NULL;

            CREATE TABLE early_reports (
                id                  text COLLATE "C" PRIMARY KEY,
                channel             text   NOT NULL,
                provider_message_id text   NOT NULL,
                received_at         bigint NOT NULL,
                data                text   NOT NULL
            );
            CREATE INDEX ix_early_reports_provider ON early_reports (provider_message_id, channel);
            CREATE INDEX ix_early_reports_received ON early_reports (received_at);
            """),
    ];
}

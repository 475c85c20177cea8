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
    ];
}

using Inbox.Interactions.Chats;
using Inbox.Interactions.Storage;

namespace Inbox.Interactions.Tests.Storage;

/// <summary>Migrations and reopening.</summary>
public abstract partial class InboxStoreContractTests
{
    [Fact]
    public async Task MigrateAsync_Twice_IsANoOp()
    {
        await CommitAsync(interactions: [NewInteraction("int-1", At(0))]);

        await Store.MigrateAsync(Ct);
        await (await OpenMigratedStoreAsync()).MigrateAsync(Ct);

        var version = ((SqlInboxStore)Store).SchemaVersion;
        Assert.Equal(version, await ScalarAsync("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(version, await ScalarAsync("SELECT MAX(version) FROM schema_migrations"));
        Assert.NotNull(await Store.FindInteractionAsync("int-1", Ct));
    }

    [Fact]
    public async Task NewStoreInstance_SameDatabase_SeesEverythingCommitted()
    {
        await CommitAsync(
            interactions: [NewInteraction("int-1", At(0))],
            messages: [NewMessage("msg-1", "int-1", At(1))],
            chats: [new Chat("chat", ChatKind.AgentToAgent, ["ana", "bob"], null, At(0))],
            chatMessages: [NewChatMessage("cm", "chat", At(2))]);
        if (Store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        var reopened = await OpenMigratedStoreAsync();

        AssertEqual(NewInteraction("int-1", At(0)), await reopened.FindInteractionAsync("int-1", Ct));
        AssertEqual(NewMessage("msg-1", "int-1", At(1)), Assert.Single(await reopened.ListMessagesAsync("int-1", Ct)));
        Assert.Single(await reopened.ListChatsAsync(Ct));
        AssertEqual(NewChatMessage("cm", "chat", At(2)), Assert.Single(await reopened.ListChatMessagesAsync("chat", null, 5, Ct)));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseFromANewerBuild_RefusesWithUpgradeMessage()
    {
        var version = ((SqlInboxStore)Store).SchemaVersion;
        await ExecuteSqlAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenStore().MigrateAsync(Ct));

        Assert.Contains($"database schema version 999 is newer than this build ({version}); upgrade the server", error.Message, StringComparison.Ordinal);
    }
}

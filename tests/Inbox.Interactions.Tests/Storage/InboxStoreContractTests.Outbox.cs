using Inbox.Interactions.Channels;
using Inbox.Interactions.Messages;
using Inbox.Interactions.Storage;

namespace Inbox.Interactions.Tests.Storage;

/// <summary>The outbox's queue and the delivery reports kept for messages not yet known by their provider id.</summary>
public abstract partial class InboxStoreContractTests
{
    [Fact]
    public async Task LoadOutboxAsync_OutboundSendingMessages_OldestFirstUntilSettled()
    {
        var retrying = Sending("msg-2", At(2)) with { Attempts = 3, NextAttemptAt = At(9), FailureCode = "http_503" };
        await CommitAsync(
            interactions: [NewInteraction("int-1", At(0))],
            messages: [NewMessage("msg-0", "int-1", At(0)), Sending("msg-1", At(1)), retrying, NewMessage("msg-3", "int-1", At(3), MessageDirection.Outbound)]);

        var queued = await Store.LoadOutboxAsync(Ct);
        await CommitAsync(messages: [Sending("msg-1", At(1)) with { Status = MessageStatus.Sent, ProviderMessageId = "p-1", Attempts = 1 }]);
        var afterSent = await Store.LoadOutboxAsync(Ct);

        Assert.Equal(["msg-1", "msg-2"], queued.Select(m => m.Id));
        AssertEqual(retrying, queued[1]);
        Assert.Equal(["msg-2"], afterSent.Select(m => m.Id));
    }

    [Fact]
    public async Task FindEarlyReportsAsync_KeptReports_ByChannelAndProviderIdOldestFirst()
    {
        var delivered = Report("r-1", ChannelKind.Sms, "p-1", MessageStatus.Delivered, At(1));
        var read = Report("r-2", ChannelKind.Sms, "p-1", MessageStatus.Read, At(2));
        var changes = new InboxChanges();
        changes.EarlyReports.AddRange([read, delivered, Report("r-3", ChannelKind.WhatsApp, "p-1", MessageStatus.Read, At(1))]);
        await Store.CommitAsync(changes, Ct);

        var found = await Store.FindEarlyReportsAsync(ChannelKind.Sms, "p-1", Ct);

        Assert.Equal([delivered, read], found);
    }

    [Fact]
    public async Task CommitAsync_AppliedAndExpiredEarlyReports_Deleted()
    {
        var kept = new InboxChanges();
        kept.EarlyReports.AddRange([
            Report("r-1", ChannelKind.Sms, "p-1", MessageStatus.Delivered, At(1)),
            Report("r-2", ChannelKind.Sms, "p-2", MessageStatus.Delivered, At(2)),
            Report("r-3", ChannelKind.Sms, "p-3", MessageStatus.Delivered, At(5))]);
        await Store.CommitAsync(kept, Ct);
        var settled = new InboxChanges { ExpireEarlyReportsBefore = At(3) };
        settled.AppliedEarlyReports.Add("r-3");

        await Store.CommitAsync(settled, Ct);

        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM early_reports"));
    }

    [Fact]
    public async Task MigrateAsync_FromVersion1WithAMessageSending_QueuesIt()
    {
        await CommitAsync(
            interactions: [NewInteraction("int-1", At(0))],
            messages: [Sending("msg-1", At(1)), NewMessage("msg-2", "int-1", At(2), MessageDirection.Outbound)]);
        // Back to the schema as version 1 left it, with the message that build stored as sending.
        string[] downgrade =
        [
            "DROP TABLE early_reports", "DROP INDEX ix_messages_outbox", "ALTER TABLE messages DROP COLUMN next_attempt_at",
            "DELETE FROM schema_migrations WHERE version = 2",
        ];
        foreach (var sql in downgrade)
        {
            await ExecuteSqlAsync(sql);
        }

        var migrated = await OpenMigratedStoreAsync();

        Assert.Equal(["msg-1"], (await migrated.LoadOutboxAsync(Ct)).Select(m => m.Id));
    }

    private static Message Sending(string id, DateTimeOffset createdAt) =>
        NewMessage(id, "int-1", createdAt, MessageDirection.Outbound) with { Status = MessageStatus.Sending, NextAttemptAt = createdAt };

    private static EarlyStatusReport Report(string id, ChannelKind channel, string providerId, MessageStatus status, DateTimeOffset receivedAt) =>
        new(id, channel, providerId, status, null, null, receivedAt);
}

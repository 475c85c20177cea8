using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;
using Inbox.Interactions.Outbox;
using Inbox.Interactions.Tests.Messages;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>
/// The outbox over a real SQLite file and a fake clock: a channel that refuses N times then takes messages is retried
/// on the backoff schedule, in order within an interaction, across a restart, until it takes them or they fail.
/// </summary>
public sealed class OutboxTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;
    private static readonly OutboxPolicy s_policy = new(
        FirstRetry: TimeSpan.FromSeconds(10), MaxRetry: TimeSpan.FromSeconds(40), GiveUpAfter: TimeSpan.FromHours(1), MaxConcurrentSends: 4, KeepEarlyReports: TimeSpan.FromDays(1));

    [Fact]
    public async Task SendMessage_ProviderDownThreeTimes_RetriedOnTheBackoffScheduleThenSent()
    {
        await using var inbox = await InboxFixture.StartAsync(s_policy);
        var active = await ActiveWithBrunoAsync(inbox);
        var whatsApp = inbox.Channels[ChannelKind.WhatsApp];
        whatsApp.RefuseNext = 3;

        var message = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("hello"), s_none);

        var dueTimes = new List<DateTimeOffset>();
        for (var failures = 1; failures <= 3; failures++)
        {
            var retrying = await inbox.EventuallyAsync(message.Id, m => m.Attempts == failures);
            Assert.Equal((MessageStatus.Sending, "http_503", "the provider is down"), (retrying.Status, retrying.FailureCode, retrying.FailureReason));
            var delay = retrying.NextAttemptAt!.Value - retrying.UpdatedAt;
            var backoff = s_policy.BackoffAfter(failures);
            Assert.InRange(delay, backoff / 2, backoff);
            dueTimes.Add(retrying.NextAttemptAt.Value);
            await AdvanceToAsync(inbox, retrying.NextAttemptAt.Value, () => whatsApp.Attempts.Count > failures);
        }

        var sent = await inbox.EventuallyAsync(message.Id, m => m.Status == MessageStatus.Sent);
        Assert.Equal(4, sent.Attempts);
        Assert.Null(sent.NextAttemptAt);
        Assert.Null(sent.FailureCode);
        var attempts = whatsApp.Attempts.ToList();
        Assert.All(attempts, a => Assert.Equal(message.Id, a.MessageId));
        for (var retry = 1; retry < attempts.Count; retry++)
        {
            Assert.True(attempts[retry].At >= dueTimes[retry - 1], $"Retry {retry} went out at {attempts[retry].At:O}, before it was due at {dueTimes[retry - 1]:O}.");
        }

        Assert.Equal("hello", Assert.Single(whatsApp.Sent).Text);
    }

    [Fact]
    public async Task SendMessage_EarlierOneRetried_LaterOneWaitsBehindIt()
    {
        await using var inbox = await InboxFixture.StartAsync(s_policy);
        var active = await ActiveWithBrunoAsync(inbox);
        var whatsApp = inbox.Channels[ChannelKind.WhatsApp];
        whatsApp.RefuseNext = 1;

        var first = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("first"), s_none);
        var retrying = await inbox.EventuallyAsync(first.Id, m => m.Attempts == 1);
        var second = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("second"), s_none);
        await AdvanceToAsync(inbox, retrying.NextAttemptAt!.Value, () => whatsApp.Sent.Count == 2);

        Assert.Equal([first.Id, first.Id, second.Id], whatsApp.Attempts.Select(a => a.MessageId));
        Assert.Equal(["first", "second"], whatsApp.Sent.Select(m => m.Text));
        await inbox.EventuallyAsync(second.Id, m => m.Status == MessageStatus.Sent);
    }

    [Fact]
    public async Task SendMessage_PermanentRefusal_FailedAtOnceAndTheNextOneGoesOut()
    {
        await using var inbox = await InboxFixture.StartAsync(s_policy);
        var active = await ActiveWithBrunoAsync(inbox);
        var whatsApp = inbox.Channels[ChannelKind.WhatsApp];
        (whatsApp.RefuseNext, whatsApp.RefusalsRetryable) = (1, false);

        var refused = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("to a bad number"), s_none);
        var failed = await inbox.EventuallyAsync(refused.Id, m => m.Status == MessageStatus.Failed);
        var next = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("next"), s_none);
        await inbox.EventuallyAsync(next.Id, m => m.Status == MessageStatus.Sent);

        Assert.Equal((1, "http_503", "the provider is down"), (failed.Attempts, failed.FailureCode, failed.FailureReason));
        Assert.Null(failed.NextAttemptAt);
        Assert.Equal([refused.Id, next.Id], whatsApp.Attempts.Select(a => a.MessageId));
        Assert.Empty(await inbox.Store.LoadOutboxAsync(s_none));
    }

    [Fact]
    public async Task SendMessage_ProviderDownPastGiveUpAfter_FailedWithTheLastReason()
    {
        var policy = s_policy with { GiveUpAfter = TimeSpan.FromSeconds(60) };
        await using var inbox = await InboxFixture.StartAsync(policy);
        var active = await ActiveWithBrunoAsync(inbox);
        var whatsApp = inbox.Channels[ChannelKind.WhatsApp];
        whatsApp.RefuseNext = int.MaxValue;

        var message = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("hello"), s_none);
        var current = await inbox.EventuallyAsync(message.Id, m => m.Attempts == 1);
        while (current.Status == MessageStatus.Sending)
        {
            var attempts = current.Attempts;
            await AdvanceToAsync(inbox, current.NextAttemptAt!.Value, () => whatsApp.Attempts.Count > attempts);
            current = await inbox.EventuallyAsync(message.Id, m => m.Attempts > attempts);
        }

        Assert.Equal(MessageStatus.Failed, current.Status);
        Assert.True(inbox.Time.GetUtcNow() - message.CreatedAt >= policy.GiveUpAfter);
        Assert.Equal(whatsApp.Attempts.Count, current.Attempts);
        Assert.Equal($"Gave up after {current.Attempts} attempts: the provider is down", current.FailureReason);
        Assert.Null(current.NextAttemptAt);
    }

    [Fact]
    public async Task SendMessage_ChannelThrowsIOException_RetriedAsTransient()
    {
        await using var inbox = await InboxFixture.StartAsync(s_policy);
        var active = await ActiveWithBrunoAsync(inbox);
        var whatsApp = inbox.Channels[ChannelKind.WhatsApp];
        whatsApp.Throw = new IOException("connection reset by peer");

        var message = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("hello"), s_none);
        var retrying = await inbox.EventuallyAsync(message.Id, m => m.Attempts == 1);
        whatsApp.Throw = null;
        await AdvanceToAsync(inbox, retrying.NextAttemptAt!.Value, () => !whatsApp.Sent.IsEmpty);

        Assert.Equal((MessageStatus.Sending, "channel_error", "connection reset by peer"), (retrying.Status, retrying.FailureCode, retrying.FailureReason));
        await inbox.EventuallyAsync(message.Id, m => m.Status == MessageStatus.Sent && m.Attempts == 2);
    }

    [Fact]
    public async Task Restart_MessagesQueued_ResumedInOrderAndSentOnce()
    {
        await using var inbox = await InboxFixture.StartAsync(s_policy);
        var active = await ActiveWithBrunoAsync(inbox);
        var whatsApp = inbox.Channels[ChannelKind.WhatsApp];
        whatsApp.RefuseNext = int.MaxValue;
        var first = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("first"), s_none);
        var second = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("second"), s_none);
        var retrying = await inbox.EventuallyAsync(first.Id, m => m.Attempts == 1);

        await inbox.RestartAsync();
        Assert.Equal([first.Id, second.Id], (await inbox.Store.LoadOutboxAsync(s_none)).Select(m => m.Id));
        whatsApp.RefuseNext = 0;
        await AdvanceToAsync(inbox, retrying.NextAttemptAt!.Value, () => whatsApp.Sent.Count == 2);

        Assert.Equal([first.Id, first.Id, second.Id], whatsApp.Attempts.Select(a => a.MessageId));
        Assert.Equal([first.Id, second.Id], whatsApp.Sent.Select(m => m.Message.Id));
        Assert.Equal(2, (await inbox.EventuallyAsync(first.Id, m => m.Status == MessageStatus.Sent)).Attempts);
        Assert.Equal(1, (await inbox.EventuallyAsync(second.Id, m => m.Status == MessageStatus.Sent)).Attempts);
    }

    [Fact]
    public async Task Restart_SendUnderWay_CancelledThenSentAgainWithTheSameId()
    {
        await using var inbox = await InboxFixture.StartAsync(s_policy);
        var active = await ActiveWithBrunoAsync(inbox);
        var whatsApp = inbox.Channels[ChannelKind.WhatsApp];
        var stuck = new TaskCompletionSource();
        whatsApp.Hold = stuck.Task;
        var message = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("hello"), s_none);
        await UntilAsync(() => !whatsApp.Attempts.IsEmpty);

        // The send under way keeps waiting on the old hold; the restarted engine's send finds none.
        whatsApp.Hold = null;
        await inbox.RestartAsync();

        var sent = await inbox.EventuallyAsync(message.Id, m => m.Status == MessageStatus.Sent);
        Assert.Equal([message.Id, message.Id], whatsApp.Attempts.Select(a => a.MessageId));
        Assert.Equal(message.Id, Assert.Single(whatsApp.Sent).Message.Id);
        Assert.Equal(1, sent.Attempts);
    }

    [Fact]
    public async Task UpdateMessageStatus_BeforeTheSendResult_KeptAndAppliedWhenTheResultIsStored()
    {
        await using var inbox = await InboxFixture.StartAsync(s_policy);
        var active = await ActiveWithBrunoAsync(inbox);
        var whatsApp = inbox.Channels[ChannelKind.WhatsApp];
        var answer = new TaskCompletionSource();
        whatsApp.Hold = answer.Task;
        var message = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("hello"), s_none);
        await UntilAsync(() => !whatsApp.Attempts.IsEmpty);

        var matched = await inbox.Engine.UpdateMessageStatusAsync(ChannelKind.WhatsApp, "WhatsApp-1", MessageStatus.Delivered, null, null, s_none);
        var kept = await inbox.Store.FindEarlyReportsAsync(ChannelKind.WhatsApp, "WhatsApp-1", s_none);
        answer.SetResult();

        Assert.False(matched);
        Assert.Equal(MessageStatus.Delivered, Assert.Single(kept).Status);
        var delivered = await inbox.EventuallyAsync(message.Id, m => m.Status == MessageStatus.Delivered);
        Assert.Equal("WhatsApp-1", delivered.ProviderMessageId);
        Assert.Empty(await inbox.Store.FindEarlyReportsAsync(ChannelKind.WhatsApp, "WhatsApp-1", s_none));
    }

    [Fact]
    public async Task UpdateMessageStatus_UnknownIdOlderThanKeepEarlyReports_Expired()
    {
        await using var inbox = await InboxFixture.StartAsync(s_policy);

        await inbox.Engine.UpdateMessageStatusAsync(ChannelKind.Sms, "never-sent", MessageStatus.Delivered, null, null, s_none);
        inbox.Time.Advance(s_policy.KeepEarlyReports + TimeSpan.FromSeconds(1));
        await inbox.Engine.UpdateMessageStatusAsync(ChannelKind.Sms, "another", MessageStatus.Read, null, null, s_none);

        Assert.Empty(await inbox.Store.FindEarlyReportsAsync(ChannelKind.Sms, "never-sent", s_none));
        Assert.Single(await inbox.Store.FindEarlyReportsAsync(ChannelKind.Sms, "another", s_none));
    }

    [Fact]
    public async Task Restart_EarlyReportOlderThanKeepEarlyReports_Expired()
    {
        await using var inbox = await InboxFixture.StartAsync(s_policy);
        await inbox.Engine.UpdateMessageStatusAsync(ChannelKind.Sms, "never-sent", MessageStatus.Delivered, null, null, s_none);
        inbox.Time.Advance(s_policy.KeepEarlyReports + TimeSpan.FromSeconds(1));

        await inbox.RestartAsync();

        Assert.Empty(await inbox.Store.FindEarlyReportsAsync(ChannelKind.Sms, "never-sent", s_none));
    }

    [Fact]
    public async Task SendMessage_AttachmentOverTheChannelsLimit_InvalidArgumentAndNothingStored()
    {
        await using var inbox = await InboxFixture.StartAsync(s_policy);
        var active = await ActiveWithBrunoAsync(inbox);
        var whatsApp = inbox.Channels[ChannelKind.WhatsApp];
        whatsApp.Capabilities = whatsApp.Capabilities with { MaxAttachmentBytes = 1_000 };
        var draft = new MessageDraft("see attached", [new AttachmentUpload("plan.png", AttachmentSamples.Padded("png", 1_001), IsVoiceNote: false)]);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, draft, s_none));

        Assert.Equal(InboxError.InvalidArgument, refused.Error);
        Assert.Equal("plan.png is 1001 bytes; WhatsApp takes files of at most 1000 bytes.", refused.Message);
        Assert.DoesNotContain(await inbox.Store.ListMessagesAsync(active.Id, s_none), m => m.Direction == MessageDirection.Outbound);
        Assert.Empty(whatsApp.Attempts);
    }

    private static async Task<Interaction> ActiveWithBrunoAsync(InboxFixture inbox)
    {
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990001", campaignId: "support");
        return await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);
    }

    /// <summary>
    /// Moves the fake clock to <paramref name="due"/> and waits for <paramref name="done"/>. Should the pump have read
    /// the clock just before the move (and so armed its timer from the old time), the clock is nudged on again: the
    /// schedule's lower bound is what the tests check, never how promptly a retry follows.
    /// </summary>
    private static async Task AdvanceToAsync(InboxFixture inbox, DateTimeOffset due, Func<bool> done)
    {
        if (due > inbox.Time.GetUtcNow())
        {
            inbox.Time.SetUtcNow(due);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var nudgeAt = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "The retry did not happen.");
            if (DateTime.UtcNow > nudgeAt)
            {
                inbox.Time.Advance(TimeSpan.FromMilliseconds(1));
                nudgeAt = DateTime.UtcNow + TimeSpan.FromSeconds(2);
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}

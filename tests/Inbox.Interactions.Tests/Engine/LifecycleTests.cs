using Inbox.Interactions.Agents;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Events;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Engine;

public sealed class LifecycleTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task Finalize_Active_FinalizedWithWrapUp()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);

        var finalized = await inbox.Engine.FinalizeAsync(inbox.Bruno, active.Id, s_none);

        var bruno = await inbox.Engine.GetAgentAsync(inbox.Bruno, s_none);
        Assert.Equal(InteractionState.Finalized, finalized.State);
        Assert.Equal(inbox.Time.GetUtcNow() + InboxFixture.WrapUp, finalized.WrapUpUntil);
        Assert.Equal(AgentActivity.WrapUp, bruno.Activity);
    }

    [Fact]
    public async Task WrapUp_UntilDeadline_BlocksOffersThenOffers()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);
        await inbox.Engine.FinalizeAsync(inbox.Bruno, active.Id, s_none);

        var waiting = await inbox.CustomerWritesAsync(ChannelKind.Email, "next@example.com", campaignId: "support");
        Assert.Equal(InteractionState.Pending, waiting.State);
        await inbox.AdvanceAsync(InboxFixture.WrapUp);

        var offered = await inbox.GetAsync(waiting.Id);
        Assert.Equal(InteractionState.Offered, offered.State);
        Assert.Equal("bruno", offered.OfferedTo);
    }

    [Fact]
    public async Task Close_DuringWrapUp_EndsWrapUpEarly()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);
        await inbox.Engine.FinalizeAsync(inbox.Bruno, active.Id, s_none);
        var waiting = await inbox.CustomerWritesAsync(ChannelKind.Email, "next@example.com", campaignId: "support");

        var closed = await inbox.Engine.CloseAsync(inbox.Bruno, active.Id, "solved/first-contact", s_none);

        Assert.Equal(InteractionState.Closed, closed.State);
        Assert.Equal("solved/first-contact", closed.Disposition);
        Assert.Equal("bruno", (await inbox.GetAsync(waiting.Id)).OfferedTo);
    }

    [Fact]
    public async Task Close_WithoutDisposition_FailedPrecondition()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);
        await inbox.Engine.FinalizeAsync(inbox.Bruno, active.Id, s_none);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.CloseAsync(inbox.Bruno, active.Id, null, s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
        Assert.Contains("needs a disposition", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_Active_FailedPreconditionSayingFinalizeFirst()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.CloseAsync(inbox.Bruno, active.Id, "spam", s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
        Assert.Contains("finalize it before closing", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetDisposition_WhileActiveThenClose_KeepsIt()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);

        await inbox.Engine.SetDispositionAsync(inbox.Bruno, active.Id, "spam", s_none);
        await inbox.Engine.FinalizeAsync(inbox.Bruno, active.Id, s_none);
        var closed = await inbox.Engine.CloseAsync(inbox.Bruno, active.Id, null, s_none);

        Assert.Equal("spam", closed.Disposition);
    }

    [Theory]
    [InlineData("solved", "has sub-dispositions")]
    [InlineData("sold", "is not a disposition")]
    [InlineData("solved/other", "is not a disposition")]
    public async Task SetDisposition_NotALeafOfTheTree_InvalidArgument(string path, string reason)
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.SetDispositionAsync(inbox.Bruno, active.Id, path, s_none));

        Assert.Equal(InboxError.InvalidArgument, refused.Error);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finalize_Pending_FailedPrecondition()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var pending = await inbox.CustomerWritesAsync(ChannelKind.Email, "client@example.com", campaignId: "support");

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.FinalizeAsync(inbox.Dora, pending.Id, s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
    }

    [Fact]
    public async Task Finalize_AnotherAgentsInteraction_PermissionDenied()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.FinalizeAsync(inbox.Ana, active.Id, s_none));

        Assert.Equal(InboxError.PermissionDenied, refused.Error);
        Assert.Equal(InteractionState.Active, (await inbox.GetAsync(active.Id)).State);
    }

    [Fact]
    public async Task AcceptOffer_NotOfferedToHer_FailedPrecondition()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.AcceptOfferAsync(inbox.Ana, active.Id, s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
    }

    [Fact]
    public async Task EndByCustomer_Pending_ClosedAsAbandoned()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var pending = await inbox.CustomerWritesAsync(ChannelKind.WebChat, "visitor-1", campaignId: "support");

        var ended = await inbox.Engine.EndByCustomerAsync(pending.Id, "abandoned", s_none);

        Assert.Equal(InteractionState.Closed, ended.State);
        Assert.Equal("abandoned", ended.EndReason);
    }

    [Fact]
    public async Task Restart_OpenInteractions_ResumedWithTheirDeadlines()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);
        await inbox.Engine.FinalizeAsync(inbox.Bruno, active.Id, s_none);
        await inbox.Engine.SetDispositionAsync(inbox.Bruno, active.Id, "spam", s_none);
        var pending = await inbox.CustomerWritesAsync(ChannelKind.Email, "other@example.com", campaignId: "support");

        await inbox.RestartAsync();

        Assert.Equal(InteractionState.Finalized, (await inbox.GetAsync(active.Id)).State);
        Assert.Equal("spam", (await inbox.GetAsync(active.Id)).Disposition);
        Assert.Equal(pending.Id, Assert.Single(await inbox.Engine.ListPendingAsync(inbox.Dora, s_none)).Id);
        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);
        Assert.Equal(InteractionState.Closed, (await inbox.Engine.CloseAsync(inbox.Bruno, active.Id, null, s_none)).State);
    }

    [Fact]
    public async Task Restart_OfferToAnAgentNowSignedOut_OfferedToWhoeverIsReady()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.CustomerWritesAsync(ChannelKind.Email, "client@example.com", campaignId: "support");
        Assert.Equal("bruno", offered.OfferedTo);

        await inbox.RestartAsync();
        await inbox.ReadyAsync(inbox.Ana);

        // A restart signs everybody out: Bruno cannot see the offer, and he did not turn it down.
        var reoffered = await inbox.GetAsync(offered.Id);
        Assert.Equal("ana", reoffered.OfferedTo);
        Assert.DoesNotContain("bruno", reoffered.DeclinedBy);
    }

    [Fact]
    public async Task WrapUp_Ends_HerStreamSeesHerIdle()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);
        await inbox.Engine.FinalizeAsync(inbox.Bruno, active.Id, s_none);
        var brunoStream = inbox.Engine.Events.Subscribe("bruno", inbox.Engine.Events.Epoch, inbox.Engine.Events.LastSequence("bruno"));

        await inbox.AdvanceAsync(InboxFixture.WrapUp);

        Assert.Contains(Drain(brunoStream), e => e.Payload is AgentChanged { Agent.Agent.Id: "bruno", Agent.Activity: AgentActivity.Idle });
    }

    [Fact]
    public async Task WrapUp_EndsWhileTheStoreFails_StillAnnouncedOnceItRecovers()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);
        await inbox.Engine.FinalizeAsync(inbox.Bruno, active.Id, s_none);
        await inbox.ReadyAsync(inbox.Carla);
        await inbox.AdvanceAsync(InboxFixture.WrapUp - InboxFixture.OfferTimeout);
        await inbox.CustomerWritesAsync(ChannelKind.Sms, "+5511999990001", campaignId: "sales");
        var brunoStream = inbox.Engine.Events.Subscribe("bruno", inbox.Engine.Events.Epoch, inbox.Engine.Events.LastSequence("bruno"));

        // Carla's offer lapses as Bruno's wrap-up ends; storing the lapse fails, and the retry succeeds.
        inbox.Commits.FailCommits = true;
        await inbox.AdvanceAsync(InboxFixture.OfferTimeout);
        inbox.Commits.FailCommits = false;
        await inbox.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Contains(Drain(brunoStream), e => e.Payload is AgentChanged { Agent.Agent.Id: "bruno", Agent.Activity: AgentActivity.Idle });
    }

    private static List<SequencedEvent> Drain(EventSubscription subscription)
    {
        var events = new List<SequencedEvent>();
        while (subscription.Reader.TryRead(out var item))
        {
            events.Add(item);
        }

        return events;
    }

    [Fact]
    public async Task EndInterrupted_CallsOpenAtRestart_PendingClosedActiveFinalizedTextUntouched()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);
        var queued = await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+5511999990001", null, null, s_none);
        var answered = await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+5511999990002", null, null, s_none);
        await inbox.Engine.TakeAsync(inbox.Bruno, answered.Id, s_none);
        var chat = await inbox.CustomerWritesAsync(ChannelKind.Email, "client@example.com", campaignId: "support");
        await inbox.RestartAsync();

        var ended = await inbox.Engine.EndInterruptedAsync(ChannelKind.Telephony, "interrupted", s_none);

        Assert.Equal(2, ended);
        Assert.Equal((InteractionState.Closed, "interrupted"), ((await inbox.GetAsync(queued.Id)).State, (await inbox.GetAsync(queued.Id)).EndReason));
        Assert.Equal(InteractionState.Finalized, (await inbox.GetAsync(answered.Id)).State);
        Assert.Equal(InteractionState.Pending, (await inbox.GetAsync(chat.Id)).State);
    }

    private static async Task<Interaction> ActiveWithBrunoAsync(InboxFixture inbox)
    {
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.CustomerWritesAsync(ChannelKind.Email, "client@example.com", campaignId: "support");
        return await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);
    }
}

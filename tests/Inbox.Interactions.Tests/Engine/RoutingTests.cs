using Inbox.Interactions.Agents;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Engine;

public sealed class RoutingTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task Receive_NobodyAvailable_StaysPending()
    {
        await using var inbox = await InboxFixture.StartAsync();

        var interaction = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990001", campaignId: "support");

        Assert.Equal(InteractionState.Pending, interaction.State);
        Assert.Null(interaction.OfferedTo);
    }

    [Fact]
    public async Task Receive_TwoMembersAvailable_OffersToTheLongestIdle()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        await inbox.AdvanceAsync(TimeSpan.FromMinutes(1));
        await inbox.ReadyAsync(inbox.Ana);

        var interaction = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990001", campaignId: "support");

        Assert.Equal(InteractionState.Offered, interaction.State);
        Assert.Equal("bruno", interaction.OfferedTo);
        Assert.Equal(inbox.Time.GetUtcNow() + InboxFixture.OfferTimeout, interaction.OfferExpiresAt);
    }

    [Fact]
    public async Task Receive_AfterHerWrapUpRanOut_IdleCountsFromTheEndOfWrapUp()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var first = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990001", campaignId: "support");
        await inbox.Engine.AcceptOfferAsync(inbox.Bruno, first.Id, s_none);
        await inbox.AdvanceAsync(TimeSpan.FromMinutes(1));
        await inbox.ReadyAsync(inbox.Ana);
        await inbox.Engine.FinalizeAsync(inbox.Bruno, first.Id, s_none);
        await inbox.AdvanceAsync(InboxFixture.WrapUp);

        var second = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990002", campaignId: "support");

        // Ana has been free since before Bruno's wrap-up began; he has been free only since it ran out.
        Assert.Equal("ana", second.OfferedTo);
    }

    [Fact]
    public async Task Receive_MemberPaused_NotOffered()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        await inbox.Engine.SetPresenceAsync(inbox.Bruno, AgentPresence.Paused, "Lunch", s_none);

        var interaction = await inbox.CustomerWritesAsync(ChannelKind.Email, "client@example.com", campaignId: "support");

        Assert.Equal(InteractionState.Pending, interaction.State);
    }

    [Fact]
    public async Task AcceptOffer_Offered_ActiveWithHer()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990001", campaignId: "support");

        var active = await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);

        Assert.Equal(InteractionState.Active, active.State);
        Assert.Equal("bruno", active.AgentId);
        Assert.Equal(inbox.Time.GetUtcNow(), active.AcceptedAt);
    }

    [Fact]
    public async Task RejectOffer_AnotherMemberFree_OfferedToHimInstead()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        await inbox.ReadyAsync(inbox.Ana);
        var offered = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990001", campaignId: "support");
        var first = inbox.Engine.Directory.Agent(offered.OfferedTo!)!;

        var next = await inbox.Engine.RejectOfferAsync(first, offered.Id, s_none);

        var reoffered = await inbox.GetAsync(offered.Id);
        Assert.Equal(InteractionState.Pending, next.State);
        Assert.Equal(InteractionState.Offered, reoffered.State);
        Assert.NotEqual(first.Id, reoffered.OfferedTo);
        Assert.Contains(first.Id, reoffered.DeclinedBy);
    }

    [Fact]
    public async Task OfferTimeout_Lapsed_BackToPendingAndAgentNotResponding()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990001", campaignId: "support");

        await inbox.AdvanceAsync(InboxFixture.OfferTimeout);

        var interaction = await inbox.GetAsync(offered.Id);
        var bruno = await inbox.Engine.GetAgentAsync(inbox.Bruno, s_none);
        Assert.Equal(InteractionState.Pending, interaction.State);
        Assert.Equal(AgentActivity.NotResponding, bruno.Activity);
    }

    [Fact]
    public async Task SetPresence_AfterMissedOffer_OffersAgain()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990001", campaignId: "support");
        await inbox.AdvanceAsync(InboxFixture.OfferTimeout);
        var second = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990002", campaignId: "support");
        Assert.Equal(InteractionState.Pending, second.State);

        await inbox.Engine.SetPresenceAsync(inbox.Bruno, AgentPresence.Available, null, s_none);

        // The one he let lapse is not offered to him again; the other one is.
        Assert.Equal(InteractionState.Pending, (await inbox.GetAsync(offered.Id)).State);
        Assert.Equal("bruno", (await inbox.GetAsync(second.Id)).OfferedTo);
    }

    [Fact]
    public async Task Take_PendingOfHerCampaign_ActiveWithHer()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);
        var pending = await inbox.CustomerWritesAsync(ChannelKind.Email, "client@example.com", campaignId: "support");

        var taken = await inbox.Engine.TakeAsync(inbox.Bruno, pending.Id, s_none);

        Assert.Equal(InteractionState.Active, taken.State);
        Assert.Equal("bruno", taken.AgentId);
    }

    [Fact]
    public async Task Take_OtherCampaign_NotFound()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);
        var pending = await inbox.CustomerWritesAsync(ChannelKind.Sms, "+5511999990001", campaignId: "sales");

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.TakeAsync(inbox.Bruno, pending.Id, s_none));

        Assert.Equal(InboxError.NotFound, refused.Error);
    }

    [Fact]
    public async Task Take_OverChannelLimit_ResourceExhausted()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);
        var first = await inbox.CustomerWritesAsync(ChannelKind.Email, "a@example.com", campaignId: "support");
        var second = await inbox.CustomerWritesAsync(ChannelKind.Email, "b@example.com", campaignId: "support");
        var third = await inbox.CustomerWritesAsync(ChannelKind.Email, "c@example.com", campaignId: "support");
        var fourth = await inbox.CustomerWritesAsync(ChannelKind.Email, "d@example.com", campaignId: "support");
        await inbox.Engine.TakeAsync(inbox.Bruno, first.Id, s_none);
        await inbox.Engine.TakeAsync(inbox.Bruno, second.Id, s_none);
        await inbox.Engine.TakeAsync(inbox.Bruno, third.Id, s_none);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.TakeAsync(inbox.Bruno, fourth.Id, s_none));

        Assert.Equal(InboxError.ResourceExhausted, refused.Error);
        Assert.Contains("limit is 3", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_AgentAtChannelLimit_NextOneWaits()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        for (var i = 0; i < 2; i++)
        {
            var offered = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, $"+55119999900{i:00}", campaignId: "support");
            await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);
        }

        var third = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990099", campaignId: "support");

        Assert.Equal(InteractionState.Pending, third.State);
    }
}

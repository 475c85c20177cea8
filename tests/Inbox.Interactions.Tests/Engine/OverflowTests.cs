using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>
/// A campaign's overflow: an interaction nobody in support answered within two minutes joins sales' queue, where
/// carla is free; one that rings an agent is not taken from her, and one sales does not work stays.
/// </summary>
public sealed class OverflowTests
{
    private static readonly TimeSpan s_after = TimeSpan.FromMinutes(2);
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task Pending_NobodyInSupportAnswersInTime_JoinsSalesAndIsOfferedToCarla()
    {
        await using var inbox = await StartAsync();
        await inbox.ReadyAsync(inbox.Carla);
        var waiting = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990101", campaignId: "support");

        await inbox.AdvanceAsync(s_after - TimeSpan.FromSeconds(1));
        var before = await inbox.GetAsync(waiting.Id);
        await inbox.AdvanceAsync(TimeSpan.FromSeconds(1));
        var overflowed = await inbox.GetAsync(waiting.Id);
        await inbox.RestartAsync();
        var restarted = await inbox.GetAsync(waiting.Id);

        Assert.Equal((InteractionState.Pending, "support"), (before.State, before.CampaignId));
        Assert.Equal((InteractionState.Offered, "sales", "carla"), (overflowed.State, overflowed.CampaignId, overflowed.OfferedTo));
        Assert.Equal(("support", inbox.Time.GetUtcNow()), (overflowed.OverflowedFrom, overflowed.OverflowedAt));
        Assert.Equal((overflowed.OverflowedFrom, overflowed.OverflowedAt), (restarted.OverflowedFrom, restarted.OverflowedAt));
    }

    [Fact]
    public async Task Offered_WhenItIsDue_StaysWithHerAndOverflowsOnceTheOfferLapses()
    {
        await using var inbox = await StartAsync(after: TimeSpan.FromSeconds(10));
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990102", campaignId: "support");

        await inbox.AdvanceAsync(TimeSpan.FromSeconds(15));
        var ringing = await inbox.GetAsync(offered.Id);
        await inbox.AdvanceAsync(InboxFixture.OfferTimeout - TimeSpan.FromSeconds(15));
        await inbox.AdvanceAsync(TimeSpan.Zero);
        var lapsed = await inbox.GetAsync(offered.Id);

        Assert.Equal((InteractionState.Offered, "support", "bruno"), (ringing.State, ringing.CampaignId, ringing.OfferedTo));
        Assert.Equal((InteractionState.Pending, "sales"), (lapsed.State, lapsed.CampaignId));
        Assert.Empty(lapsed.DeclinedBy);
    }

    [Fact]
    public async Task Pending_OnAChannelTheTargetDoesNotWork_StaysInItsCampaign()
    {
        await using var inbox = await StartAsync();
        await inbox.ReadyAsync(inbox.Carla);
        var mail = await inbox.CustomerWritesAsync(ChannelKind.Email, "customer@example.com", campaignId: "support");

        await inbox.AdvanceAsync(s_after * 10);

        var interaction = await inbox.GetAsync(mail.Id);
        Assert.Equal((InteractionState.Pending, "support"), (interaction.State, interaction.CampaignId));
        Assert.Null(interaction.OverflowedFrom);
    }

    [Fact]
    public async Task Overflowed_TheCustomerWritesAgainToSupport_HerMessageJoinsItInSales()
    {
        await using var inbox = await StartAsync();
        var waiting = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990103", campaignId: "support");
        await inbox.AdvanceAsync(s_after);

        var again = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990103", "Anyone?", campaignId: "support");

        Assert.Equal(waiting.Id, again.Id);
        Assert.Equal(("sales", "support"), (again.CampaignId, again.EntryCampaignId));
    }

    [Fact]
    public async Task Active_InSupportLongerThanItsOverflow_StaysWithItsAgent()
    {
        await using var inbox = await StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990104", campaignId: "support");
        await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);

        await inbox.AdvanceAsync(s_after * 10);

        var interaction = await inbox.GetAsync(offered.Id);
        Assert.Equal((InteractionState.Active, "support", "bruno"), (interaction.State, interaction.CampaignId, interaction.AgentId));
    }

    [Fact]
    public async Task Pending_TheClockPassesItsOverflow_TheEnginesOwnTimerMovesIt()
    {
        await using var inbox = await StartAsync();
        var waiting = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990105", campaignId: "support");

        inbox.Time.Advance(s_after);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await inbox.GetAsync(waiting.Id)).CampaignId != "sales")
        {
            Assert.True(DateTime.UtcNow < deadline, "the deadline timer did not move it within 10 s");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task NightService_NobodyInSupportSignedIn_OverflowsAtOnceAndWaitsWhileSomeoneIs()
    {
        await using var inbox = await StartAsync(nightService: true);
        var night = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990106", campaignId: "support");
        await inbox.AdvanceAsync(TimeSpan.Zero);
        var movedAtOnce = await inbox.GetAsync(night.Id);

        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);
        var day = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990107", campaignId: "support");
        await inbox.AdvanceAsync(TimeSpan.FromMinutes(1));
        var waitsForBruno = await inbox.GetAsync(day.Id);
        await inbox.Engine.SignOutAsync(inbox.Sessions, inbox.Sessions.Current("bruno")!, s_none);
        await inbox.AdvanceAsync(TimeSpan.Zero);
        var movedWhenHeLeft = await inbox.GetAsync(day.Id);

        Assert.Equal(("sales", inbox.Time.GetUtcNow() - TimeSpan.FromMinutes(1)), (movedAtOnce.CampaignId, movedAtOnce.OverflowedAt));
        Assert.Equal("support", waitsForBruno.CampaignId);
        Assert.Equal("sales", movedWhenHeLeft.CampaignId);
    }

    // Support overflows to sales (which works WhatsApp and SMS, not e-mail).
    private static Task<InboxFixture> StartAsync(TimeSpan? after = null, bool nightService = false) =>
        InboxFixture.StartAsync(configure: directory => directory.Campaigns.Single(c => c.Id == "support").Overflow = new OverflowOptions
        {
            After = nightService ? null : after ?? s_after,
            CampaignId = "sales",
            WhenNobodyIsSignedIn = nightService,
        });
}

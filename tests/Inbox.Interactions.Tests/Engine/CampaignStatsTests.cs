using Inbox.Interactions.Agents;
using Inbox.Interactions.Channels;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>Campaigns as a wallboard shows them: queues per channel and since when, work in progress, members by activity.</summary>
public sealed class CampaignStatsTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task CampaignStats_QueuedWorkedAndMembers_CountedPerCampaign()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Ana);
        var worked = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990301", campaignId: "support");
        await inbox.Engine.AcceptOfferAsync(inbox.Ana, worked.Id, s_none);
        await inbox.Engine.SetPresenceAsync(inbox.Ana, AgentPresence.Paused, "Break", s_none);
        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);
        var firstQueued = inbox.Time.GetUtcNow();
        await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990302", campaignId: "support");
        await inbox.AdvanceAsync(TimeSpan.FromSeconds(30));
        await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990303", campaignId: "support");
        var mailQueued = inbox.Time.GetUtcNow();
        await inbox.CustomerWritesAsync(ChannelKind.Email, "customer@example.com", campaignId: "support");

        var stats = await inbox.Engine.CampaignStatsAsync(inbox.Dora, s_none);

        Assert.Equal(["sales", "support"], stats.Select(s => s.CampaignId));
        var (sales, support) = (stats[0], stats[1]);
        Assert.Equal((3, firstQueued, 1), (support.Waiting, support.OldestWaitingSince, support.InProgress));
        Assert.Equal(
            [(ChannelKind.Telephony, 0, null), (ChannelKind.Email, 1, mailQueued), (ChannelKind.WhatsApp, 2, firstQueued), (ChannelKind.WebChat, 0, null)],
            support.Queues.Select(q => (q.Channel, q.Waiting, q.OldestSince)));
        Assert.Equal([(AgentActivity.Busy, 1), (AgentActivity.NotReady, 1)], support.Members.OrderBy(m => m.Key).Select(m => (m.Key, m.Value)));
        Assert.Equal((0, (DateTimeOffset?)null, 0), (sales.Waiting, sales.OldestWaitingSince, sales.InProgress));
        Assert.Equal([(AgentActivity.Offline, 1), (AgentActivity.Busy, 1)], sales.Members.OrderBy(m => m.Key).Select(m => (m.Key, m.Value)));
    }

    [Fact]
    public async Task CampaignStats_AnAgent_SeesHerCampaignsOnly()
    {
        await using var inbox = await InboxFixture.StartAsync();

        var stats = await inbox.Engine.CampaignStatsAsync(inbox.Bruno, s_none);

        Assert.Equal(["support"], stats.Select(s => s.CampaignId));
    }
}

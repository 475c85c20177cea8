using System.Collections.Immutable;
using Inbox.Interactions.Agents;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>Campaigns as they stand now, for wallboards: computed from the open interactions and the agents' states.</summary>
internal sealed partial class InboxEngine
{
    /// <summary>The caller's campaigns (every one, for supervisors and admins), ordered by name.</summary>
    public async Task<IReadOnlyList<CampaignStats>> CampaignStatsAsync(Agent caller, CancellationToken cancellationToken)
    {
        var campaigns = ListCampaigns(caller);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var views = Views(campaigns.SelectMany(c => c.Members).Distinct(StringComparer.Ordinal), null, _time.GetUtcNow());
            var open = _open.Values.ToLookup(i => i.CampaignId, StringComparer.Ordinal);
            return [.. campaigns.Select(c => StatsOf(c, open[c.Id], views))];
        }
        finally
        {
            _gate.Release();
        }
    }

    private static CampaignStats StatsOf(Campaign campaign, IEnumerable<Interaction> open, Dictionary<string, AgentView> views)
    {
        var waiting = open.Where(i => i.State is InteractionState.Pending or InteractionState.Offered).ToLookup(i => i.Channel);
        var queues = campaign.Channels.Keys.Order().Select(channel => new ChannelQueue(
            channel,
            waiting[channel].Count(),
            waiting[channel].Select(i => (DateTimeOffset?)(i.OverflowedAt ?? i.CreatedAt)).Min()));
        var members = campaign.Members
            .Where(views.ContainsKey)
            .GroupBy(id => views[id].Activity)
            .ToImmutableDictionary(g => g.Key, g => g.Count());
        return new CampaignStats(
            campaign.Id,
            [.. queues],
            open.Count(i => i.State is InteractionState.Active or InteractionState.TransferPending),
            members);
    }
}

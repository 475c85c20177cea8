using System.Collections.Immutable;
using Inbox.Interactions.Agents;
using Inbox.Interactions.Channels;

namespace Inbox.Interactions.Directory;

/// <summary>
/// A campaign right now, for a supervisor's wallboard: what waits in its queue (per channel, and since when), what its
/// agents are working, and how many of its members are doing what.
/// </summary>
internal sealed record CampaignStats(
    string CampaignId,
    ImmutableArray<ChannelQueue> Queues,
    int InProgress,
    ImmutableDictionary<AgentActivity, int> Members)
{
    /// <summary>Interactions waiting for an agent on every channel: pending, or offered and not yet answered.</summary>
    public int Waiting => Queues.Sum(q => q.Waiting);

    /// <summary>Since when the longest-waiting one waits; null when none does.</summary>
    public DateTimeOffset? OldestWaitingSince => Queues.Select(q => q.OldestSince).Min();
}

/// <summary>One channel's queue in a campaign: how many wait and since when the longest-waiting one does.</summary>
internal sealed record ChannelQueue(ChannelKind Channel, int Waiting, DateTimeOffset? OldestSince);

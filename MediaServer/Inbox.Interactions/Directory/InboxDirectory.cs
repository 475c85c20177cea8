using System.Collections.Immutable;

namespace Inbox.Interactions.Directory;

/// <summary>
/// One immutable snapshot of who works where. A configuration change builds a new snapshot and swaps it in;
/// live interactions keep their ids and carry on.
/// </summary>
internal sealed class InboxDirectory
{
    private static readonly ImmutableArray<string> s_defaultPauseReasons = ["Break", "Lunch", "Training", "Meeting"];

    private InboxDirectory(
        ImmutableDictionary<string, Campaign> campaigns, ImmutableDictionary<string, Agent> agents, ImmutableArray<string> pauseReasons)
    {
        Campaigns = campaigns;
        Agents = agents;
        PauseReasons = pauseReasons;
    }

    public ImmutableDictionary<string, Campaign> Campaigns { get; }

    public ImmutableDictionary<string, Agent> Agents { get; }

    public ImmutableArray<string> PauseReasons { get; }

    public static InboxDirectory From(AgentDirectoryOptions options)
    {
        var globalDispositions = Disposition.From(options.Dispositions);
        var agents = options.Agents.ToImmutableDictionary(
            a => a.Id,
            a => new Agent(a.Id, a.Name, a.Role, [.. a.Extensions], [.. a.Campaigns], a.ApiKeyHash, a.ApiKey),
            StringComparer.Ordinal);
        var campaigns = options.Campaigns.ToImmutableDictionary(
            c => c.Id,
            c => new Campaign(
                c.Id,
                c.Name,
                c.Channels.ToImmutableDictionary(ch => ch.Kind, CampaignChannel.From),
                c.TransferTimeout,
                c.OfferTimeout,
                c.HoldMusic,
                c.Routing,
                globalDispositions.AddRange(Disposition.From(c.Dispositions)),
                new CampaignForm(c.Form.Kind, c.Form.Url),
                [.. c.Templates.Select(MessageTemplate.From)],
                [.. options.Agents.Where(a => a.Campaigns.Contains(c.Id)).Select(a => a.Id)])
            {
                Overflow = c.Overflow is { CampaignId: { } target } overflow && (overflow.After is not null || overflow.WhenNobodyIsSignedIn)
                    ? new CampaignOverflow(overflow.After, target, overflow.WhenNobodyIsSignedIn)
                    : null,
            },
            StringComparer.Ordinal);
        return new InboxDirectory(campaigns, agents, options.PauseReasons.Count > 0 ? [.. options.PauseReasons.Distinct()] : s_defaultPauseReasons);
    }

    public Campaign? Campaign(string id) => Campaigns.GetValueOrDefault(id);

    public Agent? Agent(string id) => Agents.GetValueOrDefault(id);

    /// <summary>Agents who share a campaign with this one (her team list), herself excluded.</summary>
    public IEnumerable<Agent> TeamOf(Agent agent) =>
        Agents.Values.Where(a => a.Id != agent.Id && (a.SeesEverything || agent.SeesEverything || a.Campaigns.Overlaps(agent.Campaigns)));
}

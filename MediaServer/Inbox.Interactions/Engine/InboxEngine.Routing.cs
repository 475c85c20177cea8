using Inbox.Interactions.Directory;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>
/// Offers pending interactions, oldest first, to free members of their campaign: signed in, available, not in
/// wrap-up, without another offer waiting, and under the channel's concurrency limit.
/// </summary>
internal sealed partial class InboxEngine
{
    private void Route(InboxTransaction tx)
    {
        var workloads = AgentWorkload.Of(OpenView(tx), tx.Now);
        var waiting = OpenView(tx)
            .Where(i => i.State == InteractionState.Pending || i is { State: InteractionState.TransferPending, Transfer: { TargetKind: TransferTargetKind.Campaign, OfferedTo: null } })
            .OrderBy(i => i.CreatedAt)
            .ToList();
        foreach (var interaction in waiting)
        {
            if (interaction.Transfer is { } transfer)
            {
                RouteTransfer(tx, interaction, transfer, workloads);
                continue;
            }

            if (_directory.Campaign(interaction.CampaignId) is not { } campaign
                || PickAgent(tx, campaign, interaction, interaction.DeclinedBy, workloads) is not { } agent)
            {
                continue;
            }

            tx.Put(interaction with
            {
                State = InteractionState.Offered,
                OfferedTo = agent.Id,
                OfferExpiresAt = tx.Now + campaign.OfferTimeout,
            });
            AgentWorkload.RecordOffer(workloads, agent.Id, interaction.Channel);
        }
    }

    private Agent? PickAgent(
        InboxTransaction tx, Campaign campaign, Interaction interaction, System.Collections.Immutable.ImmutableHashSet<string> excluded, Dictionary<string, AgentWorkload> workloads)
    {
        var free = campaign.Members
            .Where(id => !excluded.Contains(id))
            .Select(id => _directory.Agent(id))
            .OfType<Agent>()
            .Where(a => IsFree(tx, a, interaction, campaign, workloads.GetValueOrDefault(a.Id)));
        var ordered = campaign.Routing == RoutingStrategy.FewestInteractions
            ? free.OrderBy(a => workloads.GetValueOrDefault(a.Id)?.InHand ?? 0).ThenBy(a => StatusOf(tx, a.Id).IdleSince)
            : free.OrderBy(a => StatusOf(tx, a.Id).IdleSince);
        return ordered.ThenBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault();
    }
}

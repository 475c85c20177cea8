using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>
/// Transfers of an interaction to an agent or a campaign (or, for calls, a number outside:
/// <c>InboxEngine.ExternalTransfers.cs</c>). The transferring agent keeps it until someone accepts;
/// if nobody does within the campaign's transfer timeout, it stays with her.
/// </summary>
internal sealed partial class InboxEngine
{
    /// <summary>An attended transfer: she keeps the interaction until the target accepts.</summary>
    public Task<Interaction> TransferAsync(
        Agent caller, string interactionId, TransferTargetKind targetKind, string targetId, CancellationToken cancellationToken) =>
        TransferAsync(caller, interactionId, targetKind, targetId, TransferMode.Attended, cancellationToken);

    public Task<Interaction> TransferAsync(
        Agent caller, string interactionId, TransferTargetKind targetKind, string targetId, TransferMode mode, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireOwn(tx, caller, interactionId);
            if (interaction.State != InteractionState.Active)
            {
                throw InboxException.Precondition($"Interaction {interactionId} is {Describe(interaction.State)}; only an active one can be transferred.");
            }

            var timeout = RequireCampaign(interaction.CampaignId).TransferTimeout;
            var owner = interaction.AgentId ?? caller.Id;
            string? offeredTo = null;
            if (targetKind == TransferTargetKind.External)
            {
                RequireExternalTarget(interaction, targetId);
            }
            else if (targetKind == TransferTargetKind.Agent)
            {
                offeredTo = RequireTransferTarget(tx, caller, interaction, owner, targetId).Id;
            }
            else
            {
                var campaign = RequireCampaign(targetId);
                if (campaign.Channel(interaction.Channel) is null)
                {
                    throw InboxException.Precondition($"Campaign '{campaign.Id}' does not work the {interaction.Channel} channel.");
                }
            }

            var transfer = new PendingTransfer(owner, targetKind, targetId, tx.Now + timeout, offeredTo, mode);
            return Task.FromResult(tx.Put(interaction with { State = InteractionState.TransferPending, Transfer = transfer, DeclinedBy = [] }));
        }, cancellationToken);

    /// <summary>An agent who may be handed <paramref name="interaction"/>: not its owner, ready, and under her channel's limit.</summary>
    private Agent RequireTransferTarget(InboxTransaction tx, Agent caller, Interaction interaction, string owner, string targetId)
    {
        var target = RequireAgent(targetId);
        if (target.Id == owner)
        {
            throw InboxException.Invalid("An interaction cannot be transferred to the agent who has it.");
        }

        if (!StatusOf(tx, target.Id).IsReady)
        {
            throw InboxException.Precondition($"{target.Name} is not available to take a transfer.");
        }

        // Accepting must not take her over the channel's limit, as taking from the queue would not.
        RequireCapacity(tx, target, interaction, caller);
        return target;
    }

    public Task<Interaction> CancelTransferAsync(Agent caller, string interactionId, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireOwn(tx, caller, interactionId);
            if (interaction.State != InteractionState.TransferPending)
            {
                throw InboxException.Precondition($"Interaction {interactionId} has no transfer in progress.");
            }

            return Task.FromResult(tx.Put(TransferReturned(interaction)));
        }, cancellationToken);

    /// <summary>
    /// A transfer target said no: an agent transfer returns; a campaign transfer goes on to another member, unless
    /// the target had answered (she hung up the consult), which returns it to the agent who was talking to her.
    /// </summary>
    private static Interaction DeclineTransfer(Interaction interaction, PendingTransfer transfer, string agentId) =>
        transfer.TargetKind == TransferTargetKind.Agent || transfer.AnsweredAt is not null
            ? TransferReturned(interaction)
            : interaction with { Transfer = transfer with { OfferedTo = null }, DeclinedBy = interaction.DeclinedBy.Add(agentId) };

    private static Interaction TransferReturned(Interaction interaction) =>
        interaction with { State = InteractionState.Active, Transfer = null, DeclinedBy = [] };

    /// <summary>The target has it now, in the target campaign when it went to one.</summary>
    private static Interaction TransferAccepted(Interaction interaction, PendingTransfer transfer, string agentId) =>
        interaction.MovedTo(transfer.TargetKind == TransferTargetKind.Campaign ? transfer.TargetId : interaction.CampaignId) with
        {
            State = InteractionState.Active,
            AgentId = agentId,
            Transfer = null,
            DeclinedBy = [],
        };

    /// <summary>Offers a campaign transfer to the next free member (never back to the one transferring it).</summary>
    private void RouteTransfer(InboxTransaction tx, Interaction interaction, PendingTransfer transfer, Dictionary<string, AgentWorkload> workloads)
    {
        if (_directory.Campaign(transfer.TargetId) is not { } campaign)
        {
            return;
        }

        var excluded = interaction.DeclinedBy.Add(transfer.FromAgentId);
        if (PickAgent(tx, campaign, interaction, excluded, workloads) is { } agent)
        {
            tx.Put(interaction with { Transfer = transfer with { OfferedTo = agent.Id } });
            AgentWorkload.RecordOffer(workloads, agent.Id, interaction.Channel);
        }
    }

    private bool IsFree(InboxTransaction tx, Agent agent, Interaction interaction, Campaign campaign, AgentWorkload? workload)
    {
        var status = StatusOf(tx, agent.Id);
        if (!status.IsReady || workload is { HasOffer: true } || workload?.WrapUpUntil > tx.Now)
        {
            return false;
        }

        var limit = campaign.Channel(interaction.Channel)?.MaxPerAgent ?? 1;
        return (workload?.Count(interaction.Channel) ?? 0) < limit;
    }
}

using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>
/// An attended transfer the agent's phone carried out by itself (a REFER with Replaces, RFC 3891): she consulted the
/// target on a call between them and her phone joined the target to the customer, so there is nothing to offer or
/// answer. The interaction goes straight to the target, under the same rules as a transfer offered to her.
/// </summary>
internal sealed partial class InboxEngine
{
    /// <summary>
    /// <paramref name="caller"/>'s interaction is <paramref name="targetId"/>'s now: FAILED_PRECONDITION unless it is
    /// active (no transfer under way) and she may take it (ready, under her channel's limit). Channels are told nothing:
    /// the one that reported it has connected the target already.
    /// </summary>
    public Task<Interaction> TransferConnectedAsync(Agent caller, string interactionId, string targetId, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireOwn(tx, caller, interactionId);
            if (interaction.State != InteractionState.Active)
            {
                throw InboxException.Precondition($"Interaction {interactionId} is {Describe(interaction.State)}; only an active one can be transferred.");
            }

            var target = RequireTransferTarget(tx, caller, interaction, interaction.AgentId ?? caller.Id, targetId);
            return Task.FromResult(tx.Put(interaction with { AgentId = target.Id, DeclinedBy = [] }));
        }, cancellationToken);
}

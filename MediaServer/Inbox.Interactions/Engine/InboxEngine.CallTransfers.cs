using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>
/// The two steps only an attended call transfer has: the target's phone answering starts the consult (the transfer
/// no longer times out), and the transferring agent completing it hands the interaction to the target.
/// </summary>
internal sealed partial class InboxEngine
{
    /// <summary><paramref name="target"/> answered the attended transfer offered to her: she and the transferring agent talk first.</summary>
    public Task<Interaction> TransferAnsweredAsync(Agent target, string interactionId, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireVisible(tx, target, interactionId);
            if (interaction is not { State: InteractionState.TransferPending, Transfer: { Mode: TransferMode.Attended } transfer } || transfer.OfferedTo != target.Id)
            {
                throw InboxException.Precondition($"Interaction {interactionId} has no attended transfer offered to you (it is {Describe(interaction.State)}).");
            }

            return Task.FromResult(transfer.AnsweredAt is null ? tx.Put(interaction with { Transfer = transfer with { AnsweredAt = tx.Now } }) : interaction);
        }, cancellationToken);

    /// <summary>Ends the consult: the target answered, so the interaction is hers now.</summary>
    public Task<Interaction> CompleteTransferAsync(Agent caller, string interactionId, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireOwn(tx, caller, interactionId);
            if (interaction is not { State: InteractionState.TransferPending, Transfer: { } transfer })
            {
                throw InboxException.Precondition($"Interaction {interactionId} has no transfer in progress.");
            }

            if (transfer is { TargetKind: TransferTargetKind.External, AnsweredAt: not null })
            {
                return Task.FromResult(tx.Put(TransferredOut(interaction, transfer, tx.Now)));
            }

            if (transfer is not { AnsweredAt: not null, OfferedTo: { } target })
            {
                throw InboxException.Precondition($"The transfer of interaction {interactionId} cannot be completed before the target answers.");
            }

            return Task.FromResult(tx.Put(TransferAccepted(interaction, transfer, target)));
        }, cancellationToken);
}

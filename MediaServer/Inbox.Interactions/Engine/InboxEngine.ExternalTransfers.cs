using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>
/// Transfers of a call to a number outside. Nobody in the inbox is offered them: the telephony channel dials the
/// number and reports back. Answered, the call leaves the contact centre and the interaction is finalized as the
/// transferring agent's, "transferred to" the number (a blind transfer at once, an attended one when she completes
/// it after talking to the number); busy, no answer or a failure returns it to her, as the transfer timeout does.
/// </summary>
internal sealed partial class InboxEngine
{
    /// <summary>
    /// The number answered: with <paramref name="consult"/> an attended transfer's agent talks to it first (and the
    /// transfer no longer times out); otherwise (blind, or she has hung up) the call is handed over now.
    /// </summary>
    public Task<Interaction> ExternalTransferAnsweredAsync(string interactionId, bool consult, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var (interaction, transfer) = RequireExternalTransfer(tx, interactionId);
            if (!consult || transfer.Mode == TransferMode.Blind)
            {
                return Task.FromResult(tx.Put(TransferredOut(interaction, transfer, tx.Now)));
            }

            return Task.FromResult(transfer.AnsweredAt is null ? tx.Put(interaction with { Transfer = transfer with { AnsweredAt = tx.Now } }) : interaction);
        }, cancellationToken);

    /// <summary>The number could not be reached, or hung up the consult: the call is the transferring agent's again.</summary>
    public Task<Interaction> ExternalTransferFailedAsync(string interactionId, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var (interaction, _) = RequireExternalTransfer(tx, interactionId);
            return Task.FromResult(tx.Put(TransferReturned(interaction)));
        }, cancellationToken);

    private static void RequireExternalTarget(Interaction interaction, string number)
    {
        if (interaction.Channel != ChannelKind.Telephony)
        {
            throw InboxException.Invalid($"Only calls can be transferred to a number; interaction {interaction.Id} is {interaction.Channel}.");
        }

        if (string.IsNullOrWhiteSpace(number))
        {
            throw InboxException.Invalid("A transfer to a number needs the number.");
        }
    }

    private (Interaction Interaction, PendingTransfer Transfer) RequireExternalTransfer(InboxTransaction tx, string interactionId)
    {
        var interaction = RequireOpen(tx, interactionId);
        return interaction is { State: InteractionState.TransferPending, Transfer: { TargetKind: TransferTargetKind.External } transfer }
            ? (interaction, transfer)
            : throw InboxException.Precondition($"Interaction {interactionId} has no transfer to a number in progress (it is {Describe(interaction.State)}).");
    }

    /// <summary>The call left with the number: finalized as the transferring agent's, who gives it a disposition.</summary>
    private Interaction TransferredOut(Interaction interaction, PendingTransfer transfer, DateTimeOffset now) =>
        Finalized(interaction, now, $"transferred to {transfer.TargetId}");
}

using Inbox.Interactions.Channels;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>Tells channels that ring (telephony) how a transfer moves: started, offered, taken, or back.</summary>
internal sealed partial class InboxEngine
{
    /// <summary>
    /// Compares the transfer of <paramref name="previous"/> with that of <paramref name="interaction"/> and queues the
    /// notices, in the order a channel needs them: started before offered, an offer's end before the return.
    /// </summary>
    private void QueueTransferNotices(InboxTransaction tx, Interaction? previous, Interaction interaction)
    {
        var before = previous?.Transfer;
        var after = interaction.IsOpen ? interaction.Transfer : null;
        if ((before is null && after is null) || _channels.Find(interaction.Channel) is not IOfferingChannel channel)
        {
            return;
        }

        if (before is null)
        {
            tx.AfterCommit.Add(() => Notify(() => channel.TransferStarted(interaction)));
        }

        if (!string.Equals(before?.OfferedTo, after?.OfferedTo, StringComparison.Ordinal))
        {
            if (before?.OfferedTo is { } was)
            {
                var accepted = after is null && interaction is { State: InteractionState.Active } && interaction.AgentId == was;
                if (accepted && _directory.Agent(was) is { } target)
                {
                    tx.AfterCommit.Add(() => Notify(() => channel.TransferAccepted(interaction, target)));
                }
                else if (!accepted)
                {
                    tx.AfterCommit.Add(() => Notify(() => channel.TransferOfferEnded(interaction, was)));
                }
            }

            if (after?.OfferedTo is { } now && _directory.Agent(now) is { } agent)
            {
                tx.AfterCommit.Add(() => Notify(() => channel.TransferOffered(interaction, agent)));
            }
        }

        if (before is not null && after is null && interaction is { State: InteractionState.Active, AgentId: { } back }
            && back == before.FromAgentId && _directory.Agent(back) is { } from)
        {
            tx.AfterCommit.Add(() => Notify(() => channel.TransferReturned(interaction, from)));
        }
    }
}

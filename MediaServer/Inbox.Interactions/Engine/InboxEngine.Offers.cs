using Inbox.Interactions.Channels;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>Tells channels that ring (telephony) about offers made to and taken from agents.</summary>
internal sealed partial class InboxEngine
{
    /// <summary>
    /// Queues, for after the commit, a call to the channel's <see cref="IOfferingChannel"/> for every interaction whose
    /// <see cref="Interaction.OfferedTo"/> changes in <paramref name="tx"/>. Runs in <see cref="Apply"/>, before the
    /// open set is swapped, so the previous versions are still there to compare with.
    /// </summary>
    private void QueueOfferNotices(InboxTransaction tx)
    {
        foreach (var interaction in tx.Interactions.Values)
        {
            var previous = _open.GetValueOrDefault(interaction.Id);
            QueueTakenNotice(tx, previous, interaction);
            QueueTransferNotices(tx, previous, interaction);
            var before = previous?.OfferedTo;
            var after = interaction.IsOpen ? interaction.OfferedTo : null;
            if (string.Equals(before, after, StringComparison.Ordinal)
                || _channels.Find(interaction.Channel) is not IOfferingChannel channel)
            {
                continue;
            }

            if (before is not null)
            {
                tx.AfterCommit.Add(() => Notify(() => channel.OfferEnded(interaction, before)));
            }

            if (after is not null && _directory.Agent(after) is { } agent)
            {
                tx.AfterCommit.Add(() => Notify(() => channel.Offered(interaction, agent)));
            }
        }
    }

    // Taken from the queue (or started by the agent) rather than accepted from an offer: the channel must connect her itself.
    private void QueueTakenNotice(InboxTransaction tx, Interaction? previous, Interaction interaction)
    {
        if (interaction is { State: InteractionState.Active, AgentId: { } agentId }
            && ((previous is { State: InteractionState.Pending or InteractionState.Offered } && previous.OfferedTo != agentId)
                || (previous is null && interaction.Direction == InteractionDirection.Outbound))
            && _channels.Find(interaction.Channel) is IOfferingChannel channel && _directory.Agent(agentId) is { } agent)
        {
            tx.AfterCommit.Add(() => Notify(() => channel.Taken(interaction, agent)));
        }
    }

    private Task Notify(Action notice)
    {
        try
        {
            notice();
        }
        catch (Exception e)
        {
            // A channel's failure must not undo or stall a command that is already stored.
            InboxLog.OfferNoticeFailed(_logger, e);
        }

        return Task.CompletedTask;
    }
}

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
            var before = _open.GetValueOrDefault(interaction.Id)?.OfferedTo;
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

using Inbox.Interactions.Directory;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>
/// Offer, transfer, overflow and wrap-up deadlines. One timer, set to the earliest deadline; when it fires, everything
/// due is handled in one command, so a late or coalesced tick never loses a deadline.
/// </summary>
internal sealed partial class InboxEngine
{
    private void ArmDeadlineTimer()
    {
        var now = _time.GetUtcNow();
        DateTimeOffset? earliest = null;
        foreach (var interaction in _open.Values)
        {
            foreach (var deadline in DeadlinesOf(interaction))
            {
                if (earliest is null || deadline < earliest)
                {
                    earliest = deadline;
                }
            }
        }

        var due = earliest is { } at ? (at > now ? at - now : TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
        _deadlineTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private IEnumerable<DateTimeOffset> DeadlinesOf(Interaction interaction)
    {
        if (interaction is { State: InteractionState.Offered, OfferExpiresAt: { } offerExpires })
        {
            yield return offerExpires;
        }

        if (interaction is { State: InteractionState.TransferPending, Transfer: { AnsweredAt: null } transfer })
        {
            yield return transfer.ExpiresAt;
        }

        if (interaction is { State: InteractionState.Finalized, WrapUpUntil: { } wrapUp } && wrapUp > _lastSweep)
        {
            yield return wrapUp;
        }

        if (OverflowOf(null, interaction) is var (overflowAt, _))
        {
            yield return overflowAt;
        }
    }

    /// <summary>
    /// When and where a waiting interaction overflows: only from the queue (an offer that rings is left to finish,
    /// and overflows after it if it comes back), and only into a campaign that works its channel. At once when the
    /// campaign asks so and none of its members is signed in (the day team went home).
    /// </summary>
    private (DateTimeOffset At, Campaign Target)? OverflowOf(InboxTransaction? tx, Interaction interaction)
    {
        if (interaction.State != InteractionState.Pending
            || _directory.Campaign(interaction.CampaignId) is not { Overflow: { } overflow } campaign
            || _directory.Campaign(overflow.CampaignId) is not { } target
            || target.Channel(interaction.Channel) is null)
        {
            return null;
        }

        var queuedAt = interaction.OverflowedAt ?? interaction.CreatedAt;
        if (overflow.WhenNobodyIsSignedIn && !campaign.Members.Any(id => StatusOf(tx, id).SignedIn))
        {
            return (queuedAt, target);
        }

        return overflow.After is { } after ? (queuedAt + after, target) : null;
    }

    /// <summary>Applies every deadline that is due; the timer calls it, and so can anyone who moved the clock.</summary>
    internal async Task SweepDeadlinesAsync()
    {
        try
        {
            await RunAsync(tx =>
            {
                foreach (var interaction in OpenView(tx).ToList())
                {
                    Expire(tx, interaction);
                }

                tx.SweptDeadlines = true;
                return Task.FromResult(true);
            }, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failed store write leaves the deadlines in place; the next tick retries them.
            InboxLog.DeadlineSweepFailed(_logger, e);
            _deadlineTimer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        }
    }

    private void Expire(InboxTransaction tx, Interaction interaction)
    {
        switch (interaction)
        {
            case { State: InteractionState.Offered, OfferExpiresAt: { } expires, OfferedTo: { } agentId } when expires <= tx.Now:
                // A lapsed offer means she is not at her desk: stop offering to her until she says she is back.
                tx.Put(ReturnToPending(interaction, agentId));
                tx.Put(StatusOf(tx, agentId) with { NotResponding = true });
                break;
            case { State: InteractionState.TransferPending, Transfer: { AnsweredAt: null } transfer } when transfer.ExpiresAt <= tx.Now:
                tx.Put(TransferReturned(interaction));
                break;
            case { State: InteractionState.Finalized, WrapUpUntil: { } wrapUp, AgentId: { } agentId } when wrapUp <= tx.Now && wrapUp > _lastSweep:
                tx.TouchedAgents.Add(agentId);
                break;
            case { State: InteractionState.Pending } when OverflowOf(tx, interaction) is var (at, target) && at <= tx.Now:
                // Routing, at the end of this command, offers it to the target's free agents at once.
                InboxLog.Overflowed(_logger, interaction.Id, tx.Now - (interaction.OverflowedAt ?? interaction.CreatedAt), interaction.CampaignId, target.Id);
                tx.Put(interaction.MovedTo(target.Id) with { OverflowedAt = tx.Now, OverflowedFrom = interaction.CampaignId, DeclinedBy = [] });
                break;
        }
    }
}

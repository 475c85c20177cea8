using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>Taking, accepting and rejecting offers, finalizing, dispositions and closing.</summary>
internal sealed partial class InboxEngine
{
    /// <summary>Takes a pending interaction of one of her campaigns from the pending list.</summary>
    public Task<Interaction> TakeAsync(Agent caller, string interactionId, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireVisible(tx, caller, interactionId);
            if (interaction.State != InteractionState.Pending)
            {
                throw InboxException.Precondition($"Interaction {interactionId} is {Describe(interaction.State)}; only a pending one can be taken.");
            }

            if (!caller.IsMemberOf(interaction.CampaignId) && !caller.SeesEverything)
            {
                throw InboxException.Denied($"You are not a member of campaign '{interaction.CampaignId}'.");
            }

            RequireSignedIn(tx, caller);
            RequireCapacity(tx, caller, interaction);
            return Task.FromResult(tx.Put(AssignedTo(interaction, caller, tx.Now)));
        }, cancellationToken);

    /// <summary>Accepts what was offered to her: a routed interaction or a transfer.</summary>
    public Task<Interaction> AcceptOfferAsync(Agent caller, string interactionId, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireVisible(tx, caller, interactionId);
            if (interaction.State == InteractionState.Offered && interaction.OfferedTo == caller.Id)
            {
                return Task.FromResult(tx.Put(AssignedTo(interaction, caller, tx.Now)));
            }

            if (interaction is { State: InteractionState.TransferPending, Transfer: { } transfer } && transfer.OfferedTo == caller.Id)
            {
                return Task.FromResult(tx.Put(TransferAccepted(interaction, transfer, caller.Id)));
            }

            throw InboxException.Precondition($"Interaction {interactionId} is not offered to you (it is {Describe(interaction.State)}).");
        }, cancellationToken);

    /// <summary>Turns down an offer: a routed one goes back to pending, a transfer goes on to someone else or back.</summary>
    public Task<Interaction> RejectOfferAsync(Agent caller, string interactionId, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireVisible(tx, caller, interactionId);
            if (interaction.State == InteractionState.Offered && interaction.OfferedTo == caller.Id)
            {
                return Task.FromResult(tx.Put(ReturnToPending(interaction, caller.Id)));
            }

            if (interaction is { State: InteractionState.TransferPending, Transfer: { } transfer } && transfer.OfferedTo == caller.Id)
            {
                return Task.FromResult(tx.Put(DeclineTransfer(interaction, transfer, caller.Id)));
            }

            throw InboxException.Precondition($"Interaction {interactionId} is not offered to you (it is {Describe(interaction.State)}).");
        }, cancellationToken);

    /// <summary>Ends the conversation; the agent enters the channel's wrap-up.</summary>
    public Task<Interaction> FinalizeAsync(Agent caller, string interactionId, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireOwn(tx, caller, interactionId);
            if (interaction.State is not (InteractionState.Active or InteractionState.TransferPending))
            {
                throw InboxException.Precondition($"Interaction {interactionId} is {Describe(interaction.State)}; only an active one can be finalized.");
            }

            return Task.FromResult(tx.Put(Finalized(interaction, tx.Now, endReason: null)));
        }, cancellationToken);

    /// <summary>Sets the disposition (a leaf of the campaign's tree), while active or after finalization.</summary>
    public Task<Interaction> SetDispositionAsync(Agent caller, string interactionId, string disposition, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireOwn(tx, caller, interactionId);
            if (interaction.State is not (InteractionState.Active or InteractionState.TransferPending or InteractionState.Finalized))
            {
                throw InboxException.Precondition($"Interaction {interactionId} is {Describe(interaction.State)}; a disposition is set while active or after finalization.");
            }

            return Task.FromResult(tx.Put(interaction with { Disposition = RequireDisposition(interaction, disposition) }));
        }, cancellationToken);

    /// <summary>Closes a finalized interaction; it needs a disposition, given now or before. Ends its wrap-up early.</summary>
    public Task<Interaction> CloseAsync(Agent caller, string interactionId, string? disposition, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireOwn(tx, caller, interactionId);
            if (interaction.State != InteractionState.Finalized)
            {
                throw InboxException.Precondition($"Interaction {interactionId} is {Describe(interaction.State)}; finalize it before closing.");
            }

            var chosen = disposition is { Length: > 0 } ? RequireDisposition(interaction, disposition) : interaction.Disposition;
            if (chosen is null)
            {
                throw InboxException.Precondition($"Interaction {interactionId} needs a disposition before it can be closed.");
            }

            return Task.FromResult(tx.Put(interaction with
            {
                State = InteractionState.Closed,
                Disposition = chosen,
                ClosedAt = tx.Now,
                WrapUpUntil = interaction.WrapUpUntil > tx.Now ? tx.Now : interaction.WrapUpUntil,
            }));
        }, cancellationToken);

    private Interaction Finalized(Interaction interaction, DateTimeOffset now, string? endReason)
    {
        var wrapUp = _directory.Campaign(interaction.CampaignId)?.Channel(interaction.Channel)?.WrapUp ?? TimeSpan.Zero;
        return interaction with
        {
            State = InteractionState.Finalized,
            Transfer = null,
            OfferedTo = null,
            OfferExpiresAt = null,
            FinalizedAt = now,
            EndReason = endReason,
            // A blind transfer let her go already: the customer leaving meanwhile gives her no wrap-up.
            WrapUpUntil = interaction.AgentId is null || interaction.Transfer is { Mode: TransferMode.Blind } ? null : now + wrapUp,
        };
    }

    private static Interaction AssignedTo(Interaction interaction, Agent agent, DateTimeOffset now) => interaction with
    {
        State = InteractionState.Active,
        AgentId = agent.Id,
        AcceptedAt = now,
        OfferedTo = null,
        OfferExpiresAt = null,
    };

    private static Interaction ReturnToPending(Interaction interaction, string declinedBy) => interaction with
    {
        State = InteractionState.Pending,
        OfferedTo = null,
        OfferExpiresAt = null,
        DeclinedBy = interaction.DeclinedBy.Add(declinedBy),
    };

    private string RequireDisposition(Interaction interaction, string path)
    {
        var tree = _directory.Campaign(interaction.CampaignId)?.Dispositions ?? [];
        var found = Disposition.Find(tree, path)
            ?? throw InboxException.Invalid($"'{path}' is not a disposition of campaign '{interaction.CampaignId}'.");
        return found.IsLeaf
            ? path
            : throw InboxException.Invalid($"'{path}' has sub-dispositions; choose one of: {string.Join(", ", found.Children.Select(c => path + "/" + c.Code))}.");
    }

    private void RequireSignedIn(InboxTransaction tx, Agent caller)
    {
        if (!StatusOf(tx, caller.Id).SignedIn)
        {
            throw InboxException.Precondition("Sign in first.");
        }
    }

    /// <summary>Refuses to give the agent more of this channel than the campaign allows at once.</summary>
    /// <param name="limitCampaignId">Whose limit applies (a transfer's target campaign), or the interaction's own.</param>
    private void RequireCapacity(InboxTransaction tx, Agent agent, Interaction interaction, Agent? caller = null, string? limitCampaignId = null)
    {
        var limit = _directory.Campaign(limitCampaignId ?? interaction.CampaignId)?.Channel(interaction.Channel)?.MaxPerAgent ?? 1;
        var inHand = AgentWorkload.Of(OpenView(tx), tx.Now).GetValueOrDefault(agent.Id)?.Count(interaction.Channel) ?? 0;
        if (inHand >= limit)
        {
            var who = caller is null || caller.Id == agent.Id ? "You already have" : $"{agent.Name} already has";
            throw new InboxException(InboxError.ResourceExhausted, $"{who} {inHand} {interaction.Channel} interaction(s); the limit is {limit}.");
        }
    }

    private static string Describe(InteractionState state) => state switch
    {
        InteractionState.Pending => "pending",
        InteractionState.Offered => "offered to an agent",
        InteractionState.Active => "active",
        InteractionState.TransferPending => "being transferred",
        InteractionState.Finalized => "finalized",
        InteractionState.Closed => "closed",
        _ => state.ToString(),
    };
}

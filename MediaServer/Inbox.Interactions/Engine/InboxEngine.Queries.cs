using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;
using Inbox.Interactions.Storage;

namespace Inbox.Interactions.Engine;

/// <summary>Reads: lists, one interaction, messages, history and campaigns, each limited to what the caller may see.</summary>
internal sealed partial class InboxEngine
{
    /// <summary>Pending interactions of her campaigns (all, for supervisors), oldest first.</summary>
    public Task<IReadOnlyList<Interaction>> ListPendingAsync(Agent caller, CancellationToken cancellationToken) =>
        ReadOpenAsync(i => i.State is InteractionState.Pending or InteractionState.Offered && (caller.SeesEverything || caller.IsMemberOf(i.CampaignId)), cancellationToken);

    /// <summary>Her interactions not yet closed (active, being transferred, offered to her, finalized); or everybody's.</summary>
    public Task<IReadOnlyList<Interaction>> ListActiveAsync(Agent caller, bool everybody, CancellationToken cancellationToken)
    {
        if (everybody && !caller.SeesEverything)
        {
            throw InboxException.Denied("Only supervisors can list everybody's interactions.");
        }

        return ReadOpenAsync(
            i => i.State != InteractionState.Pending && (everybody ? i.AgentId is not null || i.OfferedTo is not null : Involved(i).Contains(caller.Id)),
            cancellationToken);
    }

    public async Task<Interaction> GetAsync(Agent caller, string interactionId, CancellationToken cancellationToken)
    {
        var interaction = await FindVisibleAsync(caller, interactionId, cancellationToken).ConfigureAwait(false);
        return interaction ?? throw InboxException.NotFound($"No interaction has id '{interactionId}'.");
    }

    public async Task<IReadOnlyList<Message>> ListMessagesAsync(Agent caller, string interactionId, CancellationToken cancellationToken)
    {
        _ = await GetAsync(caller, interactionId, cancellationToken).ConfigureAwait(false);
        return await _store.ListMessagesAsync(interactionId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stored interactions, newest first; agents see only their campaigns' and their own.</summary>
    public async Task<IReadOnlyList<Interaction>> HistoryAsync(Agent caller, InteractionQuery query, CancellationToken cancellationToken)
    {
        if (query.Limit is < 1 or > 500)
        {
            throw InboxException.Invalid("The page size must be between 1 and 500.");
        }

        if (!caller.SeesEverything)
        {
            var campaigns = query.CampaignIds is null ? caller.Campaigns : caller.Campaigns.Intersect(query.CampaignIds);
            query = query with { CampaignIds = campaigns };
        }

        return await _store.ListInteractionsAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The campaigns she works in (all of them, for supervisors).</summary>
    public IReadOnlyList<Campaign> ListCampaigns(Agent caller) =>
        [.. _directory.Campaigns.Values.Where(c => caller.SeesEverything || caller.IsMemberOf(c.Id)).OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>The campaign's form URL with this interaction's fields filled in.</summary>
    public string? FormUrlOf(Interaction interaction) =>
        _directory.Campaign(interaction.CampaignId)?.Form.Resolve(new Dictionary<string, string?>
        {
            ["interaction.id"] = interaction.Id,
            ["customer.address"] = interaction.CustomerAddress,
            ["customer.name"] = interaction.CustomerName,
            ["campaign.id"] = interaction.CampaignId,
            ["agent.id"] = interaction.AgentId,
        });

    private async Task<Interaction?> FindVisibleAsync(Agent caller, string interactionId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        Interaction? interaction;
        try
        {
            interaction = _open.GetValueOrDefault(interactionId);
        }
        finally
        {
            _gate.Release();
        }

        interaction ??= await _store.FindInteractionAsync(interactionId, cancellationToken).ConfigureAwait(false);
        return interaction is not null && CanSee(caller, interaction) ? interaction : null;
    }

    private async Task<IReadOnlyList<Interaction>> ReadOpenAsync(Func<Interaction, bool> filter, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. _open.Values.Where(filter).OrderBy(i => i.CreatedAt)];
        }
        finally
        {
            _gate.Release();
        }
    }
}

using System.Collections.Immutable;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;

namespace Inbox.Interactions.Engine;

/// <summary>Whom a conference call adds when the agent names a campaign rather than an agent.</summary>
internal sealed partial class InboxEngine
{
    /// <summary>
    /// The member of <paramref name="campaignId"/> that routing would offer a new call of the campaign to now (free,
    /// longest idle or fewest in hand, as the campaign routes), never the call's own agent. The interaction stays the
    /// caller's: the member only joins its call. FAILED_PRECONDITION when no member is free.
    /// </summary>
    public Task<Agent> PickConferenceMemberAsync(Agent caller, string interactionId, string campaignId, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireOwn(tx, caller, interactionId);
            var campaign = RequireCampaign(campaignId);
            var excluded = interaction.AgentId is { } owner ? ImmutableHashSet.Create(caller.Id, owner) : [caller.Id];

            return Task.FromResult(PickAgent(tx, campaign, interaction, excluded, AgentWorkload.Of(OpenView(tx), tx.Now))
                ?? throw InboxException.Precondition($"No member of campaign '{campaignId}' is free to join the call."));
        }, cancellationToken);
}

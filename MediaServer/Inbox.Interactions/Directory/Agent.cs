using System.Collections.Immutable;

namespace Inbox.Interactions.Directory;

/// <summary>An agent as configured: identity, role, campaigns and API credential.</summary>
internal sealed record Agent(
    string Id,
    string Name,
    AgentRole Role,
    ImmutableArray<string> Extensions,
    ImmutableHashSet<string> Campaigns,
    string? ApiKeyHash,
    string? ApiKey)
{
    public bool SeesEverything => Role is AgentRole.Supervisor or AgentRole.Admin;

    public bool IsMemberOf(string campaignId) => Campaigns.Contains(campaignId);
}

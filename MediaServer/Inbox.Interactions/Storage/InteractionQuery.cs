using Inbox.Interactions.Channels;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Storage;

/// <summary>A history search; every filter left null matches everything.</summary>
/// <param name="CampaignIds">Only these campaigns (an agent's own), or null for all.</param>
/// <param name="CreatedBefore">Paging: only interactions created strictly before this instant.</param>
internal sealed record InteractionQuery(
    string? AgentId = null,
    IReadOnlyCollection<string>? CampaignIds = null,
    ChannelKind? Channel = null,
    string? CustomerAddress = null,
    InteractionState? State = null,
    DateTimeOffset? CreatedBefore = null,
    int Limit = 50);

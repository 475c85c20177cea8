using System.Collections.Immutable;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Channels;

namespace Inbox.Interactions.Interactions;

/// <summary>
/// One conversation with a customer on one channel. Immutable: every command produces the next version, which is
/// stored before it replaces this one.
/// </summary>
internal sealed record Interaction
{
    public required string Id { get; init; }

    public required ChannelKind Channel { get; init; }

    public required string CampaignId { get; init; }

    public required InteractionDirection Direction { get; init; }

    /// <summary>Phone number, e-mail address, WhatsApp id... as the channel addresses the customer.</summary>
    public required string CustomerAddress { get; init; }

    public string? CustomerName { get; init; }

    /// <summary>What the channel knows of the customer, e.g. a WebChat visitor's e-mail and phone.</summary>
    public ImmutableDictionary<string, string> ClientInfo { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The e-mail thread's subject, when there is one.</summary>
    public string? Subject { get; init; }

    public required InteractionState State { get; init; }

    /// <summary>The agent who has it (active, transfer pending, finalized, closed); null while pending.</summary>
    public string? AgentId { get; init; }

    /// <summary>Who it is offered to, while <see cref="InteractionState.Offered"/>.</summary>
    public string? OfferedTo { get; init; }

    public DateTimeOffset? OfferExpiresAt { get; init; }

    /// <summary>Agents who turned it down or let the offer lapse; routing tries the others first.</summary>
    public ImmutableHashSet<string> DeclinedBy { get; init; } = [];

    public PendingTransfer? Transfer { get; init; }

    /// <summary>The chosen disposition path, e.g. <c>sale/upsell</c>.</summary>
    public string? Disposition { get; init; }

    /// <summary>Why it ended when not by an agent, e.g. "abandoned".</summary>
    public string? EndReason { get; init; }

    /// <summary>Where the call recording is, for telephony.</summary>
    public string? RecordingPath { get; init; }

    /// <summary>How the call sounded, per leg, once it is over; null for other channels and calls never scored.</summary>
    public CallQualitySummary? CallQuality { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it joined its campaign's queue by overflowing from another; null: at <see cref="CreatedAt"/>.</summary>
    public DateTimeOffset? OverflowedAt { get; init; }

    /// <summary>The campaign it last overflowed from; null when it never overflowed.</summary>
    public string? OverflowedFrom { get; init; }

    /// <summary>
    /// The campaign the customer reached, once the interaction has moved to another (overflow, a campaign transfer);
    /// null while it is still in <see cref="CampaignId"/>. Her next message on that campaign's channel still finds it.
    /// </summary>
    public string? EntryCampaignId { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public DateTimeOffset? FinalizedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>When the customer last wrote; opens the channel's messaging window.</summary>
    public DateTimeOffset? LastInboundAt { get; init; }

    /// <summary>When the wrap-up of its agent ends, once finalized.</summary>
    public DateTimeOffset? WrapUpUntil { get; init; }

    /// <summary>Bumped by every stored change.</summary>
    public long Version { get; init; }

    /// <summary>Whether an agent is working it: it counts against her concurrency.</summary>
    public bool IsInHand => State is InteractionState.Offered or InteractionState.Active or InteractionState.TransferPending;

    public bool IsOpen => State != InteractionState.Closed;

    /// <summary>This interaction in <paramref name="campaignId"/>, remembering where the customer came in.</summary>
    public Interaction MovedTo(string campaignId) =>
        campaignId == CampaignId ? this : this with { CampaignId = campaignId, EntryCampaignId = EntryCampaignId ?? CampaignId };

    /// <summary>Whether the customer reached it through <paramref name="campaignId"/>, or it is there now.</summary>
    public bool BelongsTo(string campaignId) => CampaignId == campaignId || EntryCampaignId == campaignId;
}

using System.Collections.Immutable;
using Inbox.Interactions.Channels;

namespace Inbox.Interactions.Directory;

/// <summary>A campaign as the domain sees it: immutable, replaced whole when configuration changes.</summary>
internal sealed record Campaign(
    string Id,
    string Name,
    ImmutableDictionary<ChannelKind, CampaignChannel> Channels,
    TimeSpan TransferTimeout,
    TimeSpan OfferTimeout,
    string? HoldMusic,
    RoutingStrategy Routing,
    ImmutableArray<Disposition> Dispositions,
    CampaignForm Form,
    ImmutableArray<MessageTemplate> Templates,
    ImmutableArray<string> Members)
{
    /// <summary>Where its waiting interactions overflow to, and after how long; null when they wait for its agents.</summary>
    public CampaignOverflow? Overflow { get; init; }

    public CampaignChannel? Channel(ChannelKind kind) => Channels.GetValueOrDefault(kind);

    public MessageTemplate? Template(string id) => Templates.FirstOrDefault(t => t.Id == id);
}

/// <summary>
/// After <paramref name="After"/> in the queue unanswered (never, when null), or at once while none of the campaign's
/// members is signed in when <paramref name="WhenNobodyIsSignedIn"/>, an interaction joins <paramref name="CampaignId"/>'s queue.
/// </summary>
internal sealed record CampaignOverflow(TimeSpan? After, string CampaignId, bool WhenNobodyIsSignedIn);

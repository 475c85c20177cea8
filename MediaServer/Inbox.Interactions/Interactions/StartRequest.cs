using System.Collections.Immutable;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Interactions;

/// <summary>An agent's "New": channel, campaign, whom to contact, and the first message for text channels.</summary>
internal sealed record StartRequest(ChannelKind Channel, string CampaignId, string CustomerAddress, string? CustomerName, MessageDraft? FirstMessage)
{
    /// <summary>
    /// Client info the starter already has, filed over what the channel names: a call an agent's phone placed itself
    /// keeps the phone's Call-ID. Null from the API.
    /// </summary>
    public ImmutableDictionary<string, string>? ClientInfo { get; init; }
}

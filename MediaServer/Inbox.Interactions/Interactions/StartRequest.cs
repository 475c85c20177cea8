using Inbox.Interactions.Channels;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Interactions;

/// <summary>An agent's "New": channel, campaign, whom to contact, and the first message for text channels.</summary>
internal sealed record StartRequest(ChannelKind Channel, string CampaignId, string CustomerAddress, string? CustomerName, MessageDraft? FirstMessage);

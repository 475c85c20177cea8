using System.Collections.Immutable;

namespace Inbox.Interactions.Channels;

/// <summary>A customer's message as a channel received it.</summary>
/// <param name="CampaignId">The campaign the channel's address belongs to; null to pick the first campaign taking this channel inbound.</param>
/// <param name="ProviderMessageId">The provider's id, so a redelivered webhook is recognised and stored once.</param>
/// <param name="InReplyTo">Provider ids of the messages it answers (e-mail threading): filed with the open interaction holding one.</param>
/// <param name="Html">An e-mail's HTML body; <paramref name="Text"/> holds its plain-text version.</param>
internal sealed record InboundMessage(
    ChannelKind Channel,
    string? CampaignId,
    string CustomerAddress,
    string? CustomerName,
    string Text,
    string? ProviderMessageId,
    ImmutableArray<AttachmentUpload> Attachments,
    ImmutableDictionary<string, string>? ClientInfo = null,
    string? Subject = null,
    ImmutableArray<string> InReplyTo = default,
    string? Html = null);

/// <summary>A file as it arrives with a message, before it is checked and stored.</summary>
internal sealed record AttachmentUpload(string FileName, ReadOnlyMemory<byte> Content, bool IsVoiceNote);

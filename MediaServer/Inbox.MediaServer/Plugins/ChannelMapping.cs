using System.Collections.Immutable;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;
using Contract = Inbox.Contracts.Channels;
using Domain = Inbox.Interactions.Channels;

namespace Inbox.MediaServer.Plugins;

/// <summary>Between the plugin contract's types and the inbox's own: the contract stays small and stable, the domain free to change.</summary>
internal static class ChannelMapping
{
    public static Domain.ChannelKind ToDomain(this Contract.ChannelKind kind) => kind switch
    {
        Contract.ChannelKind.Email => Domain.ChannelKind.Email,
        Contract.ChannelKind.WhatsApp => Domain.ChannelKind.WhatsApp,
        Contract.ChannelKind.Sms => Domain.ChannelKind.Sms,
        Contract.ChannelKind.WebChat => Domain.ChannelKind.WebChat,
        Contract.ChannelKind.Instagram => Domain.ChannelKind.Instagram,
        Contract.ChannelKind.Messenger => Domain.ChannelKind.Messenger,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static Domain.ChannelCapabilities ToDomain(this Contract.ChannelCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        var kinds = new HashSet<AttachmentKind>();
        AddIf(kinds, capabilities.Attachments, Contract.AttachmentKinds.Image, AttachmentKind.Image);
        AddIf(kinds, capabilities.Attachments, Contract.AttachmentKinds.Video, AttachmentKind.Video);
        AddIf(kinds, capabilities.Attachments, Contract.AttachmentKinds.Audio, AttachmentKind.Audio);
        AddIf(kinds, capabilities.Attachments, Contract.AttachmentKinds.Document, AttachmentKind.Document);
        return new Domain.ChannelCapabilities(true, kinds, capabilities.VoiceNotes, capabilities.Templates, capabilities.MessagingWindow, capabilities.MaxTextLength)
        {
            // 0 (what a channel without attachments gives) sets no limit of its own; the server's still apply.
            MaxAttachmentBytes = capabilities.MaxAttachmentBytes > 0 ? capabilities.MaxAttachmentBytes : null,
            ShowsAgentTyping = capabilities.ShowsAgentTyping,
        };
    }

    public static Contract.OutboundMessage ToContract(this Domain.OutboundMessage outbound)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        var (interaction, message) = (outbound.Interaction, outbound.Message);
        return new Contract.OutboundMessage(interaction.Id, message.Id, interaction.CustomerAddress, outbound.Text)
        {
            CustomerName = interaction.CustomerName,
            CampaignId = interaction.CampaignId,
            Subject = message.Email?.Subject ?? interaction.Subject,
            Html = message.Email?.HtmlBody,
            Cc = message.Email?.Cc ?? [],
            Bcc = message.Email?.Bcc ?? [],
            Attachments = [.. outbound.Attachments.Select(a =>
                new Contract.OutboundAttachment(a.Attachment.FileName, a.Attachment.MediaType, a.FullPath, a.Attachment.Size, a.Attachment.IsVoiceNote))],
            Template = outbound.Template is { } template ? new Contract.TemplateMessage(template.Name, template.Language, message.TemplateParameters) : null,
            Thread = outbound.Thread,
            StartsConversation = interaction.Direction == InteractionDirection.Outbound && outbound.Thread.Count == 0,
        };
    }

    public static Domain.ChannelSendResult ToDomain(this Contract.SendResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Accepted
            ? Domain.ChannelSendResult.Sent(result.ProviderMessageId ?? string.Empty)
            : Domain.ChannelSendResult.Failed(result.FailureCode ?? "failed", result.FailureReason ?? "the provider refused the message") with { Retryable = result.Retryable };
    }

    public static Domain.InboundMessage ToDomain(this Contract.InboundMessage inbound, Domain.ChannelKind channel)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        return new Domain.InboundMessage(
            channel,
            inbound.CampaignId,
            inbound.CustomerAddress,
            inbound.CustomerName,
            inbound.Text,
            inbound.ProviderMessageId,
            [.. inbound.Attachments.Select(a => new Domain.AttachmentUpload(a.FileName, a.Content, a.IsVoiceNote))],
            inbound.ClientInfo.Count == 0 ? null : inbound.ClientInfo.ToImmutableDictionary(),
            inbound.Subject,
            [.. inbound.InReplyTo],
            inbound.Html);
    }

    public static MessageStatus ToDomain(this Contract.DeliveryStatus status) => status switch
    {
        Contract.DeliveryStatus.Sent => MessageStatus.Sent,
        Contract.DeliveryStatus.Delivered => MessageStatus.Delivered,
        Contract.DeliveryStatus.Read => MessageStatus.Read,
        Contract.DeliveryStatus.Failed => MessageStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static void AddIf(HashSet<AttachmentKind> kinds, Contract.AttachmentKinds allowed, Contract.AttachmentKinds flag, AttachmentKind kind)
    {
        if (allowed.HasFlag(flag))
        {
            kinds.Add(kind);
        }
    }
}

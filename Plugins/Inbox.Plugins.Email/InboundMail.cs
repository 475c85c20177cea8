using Inbox.Contracts.Channels;
using MimeKit;

namespace Inbox.Plugins.Email;

/// <summary>A customer's e-mail as the inbox files it.</summary>
internal static class InboundMail
{
    /// <param name="fallbackId">The provider id for a mail without a Message-ID (RFC 5322 makes it optional): stable for that mail in that mailbox.</param>
    /// <returns>Null for a mail with no sender address to answer.</returns>
    public static async Task<InboundMessage?> ReadAsync(MimeMessage mail, string fallbackId, string? campaignId, CancellationToken cancellationToken)
    {
        if ((mail.From.Mailboxes.FirstOrDefault() ?? mail.Sender) is not { } from)
        {
            return null;
        }

        var attachments = new List<InboundAttachment>();
        foreach (var entity in mail.Attachments)
        {
            attachments.Add(await ReadAttachmentAsync(entity, attachments.Count + 1, cancellationToken).ConfigureAwait(false));
        }

        var text = mail.TextBody ?? (mail.HtmlBody is { } html ? HtmlText.ToPlainText(html) : string.Empty);
        return new InboundMessage(from.Address, mail.MessageId ?? fallbackId, text)
        {
            CustomerName = string.IsNullOrWhiteSpace(from.Name) ? null : from.Name,
            CampaignId = campaignId,
            Subject = mail.Subject ?? string.Empty,
            Html = mail.HtmlBody,
            Attachments = attachments,
            InReplyTo = ThreadOf(mail),
        };
    }

    // RFC 5322 §3.6.4: In-Reply-To names the parent; References lists the thread oldest first, so newest first after it.
    private static List<string> ThreadOf(MimeMessage mail)
    {
        var ids = new List<string>();
        if (mail.InReplyTo is { Length: > 0 } parent)
        {
            ids.Add(parent);
        }

        ids.AddRange(mail.References.Reverse().Where(id => !ids.Contains(id, StringComparer.Ordinal)));
        return ids;
    }

    private static async Task<InboundAttachment> ReadAttachmentAsync(MimeEntity entity, int number, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        switch (entity)
        {
            case MimePart part:
                if (part.Content is { } encoded)
                {
                    await encoded.DecodeToAsync(content, cancellationToken).ConfigureAwait(false);
                }

                return new InboundAttachment(part.FileName ?? $"attachment-{number}", part.ContentType.MimeType, content.ToArray());

            // A forwarded mail travels as message/rfc822: kept whole, as a file the agent can open.
            case MessagePart { Message: { } forwarded } part:
                await forwarded.WriteToAsync(content, cancellationToken).ConfigureAwait(false);
                return new InboundAttachment(part.ContentDisposition?.FileName ?? $"message-{number}.eml", "message/rfc822", content.ToArray());

            // Anything else marked as an attachment (a multipart, rarely) is kept as it came, headers and all.
            default:
                await entity.WriteToAsync(content, cancellationToken).ConfigureAwait(false);
                return new InboundAttachment(entity.ContentDisposition?.FileName ?? $"attachment-{number}", entity.ContentType.MimeType, content.ToArray());
        }
    }
}

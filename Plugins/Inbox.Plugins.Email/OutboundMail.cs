using Inbox.Contracts.Channels;
using MimeKit;

namespace Inbox.Plugins.Email;

/// <summary>An agent's message as the e-mail that carries it.</summary>
internal static class OutboundMail
{
    // RFC 5322 §3.6.4 lets References grow with the thread; the newest ids are the ones that matter for threading,
    // and some servers refuse very long header lines.
    private const int MaxReferences = 20;

    /// <summary>
    /// The Message-ID minted for it: the inbox's message id (the same on every attempt, so a resend after a lost
    /// answer is recognisably the same mail) at the configured domain. A reply's In-Reply-To names it, which files
    /// the reply back into the interaction. Returned without angle brackets, as MimeKit reads ids.
    /// </summary>
    public static string MessageIdOf(OutboundMessage message, EmailOptions options) => $"{message.MessageId}@{options.MessageIdDomain}";

    /// <remarks>
    /// A template is sent as its text: the inbox renders the campaign's template into <see cref="OutboundMessage.Text"/>
    /// (e-mail has no provider-side templates).
    /// </remarks>
    public static async Task<MimeMessage> CreateAsync(OutboundMessage message, EmailOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mail = new MimeMessage { Subject = message.Subject ?? string.Empty, Date = now, MessageId = MessageIdOf(message, options) };
        mail.From.Add(options.From);
        mail.To.Add(new MailboxAddress(message.CustomerName, message.CustomerAddress));
        mail.Cc.AddRange(message.Cc.Select(MailboxAddress.Parse));

        // The SMTP client sends to Bcc recipients but leaves the header out of what it transmits.
        mail.Bcc.AddRange(message.Bcc.Select(MailboxAddress.Parse));
        if (message.Thread.Count > 0)
        {
            mail.InReplyTo = message.Thread[^1];
            mail.References.AddRange(message.Thread.TakeLast(MaxReferences));
        }

        var body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html };
        foreach (var attachment in message.Attachments)
        {
            var file = File.OpenRead(attachment.Path);
            await using (file.ConfigureAwait(false))
            {
                await body.Attachments.AddAsync(attachment.FileName, file, ContentType.Parse(attachment.MediaType), cancellationToken).ConfigureAwait(false);
            }
        }

        mail.Body = body.ToMessageBody();
        return mail;
    }
}

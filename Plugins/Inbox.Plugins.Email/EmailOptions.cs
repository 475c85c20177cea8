using MimeKit;

namespace Inbox.Plugins.Email;

/// <summary>The channel's settings, parsed (see <see cref="EmailSettings"/> for each one's meaning and default).</summary>
internal sealed record EmailOptions(
    MailServer Smtp,
    MailServer Imap,
    string ImapFolder,
    bool UseIdle,
    TimeSpan PollInterval,
    MailboxAddress From,
    string MessageIdDomain,
    string? CampaignId,
    CertificateTrust Trust,
    long MaxAttachmentBytes);

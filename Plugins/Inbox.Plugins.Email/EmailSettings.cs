using System.Globalization;
using Inbox.Contracts.Channels;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Inbox.Plugins.Email;

/// <summary>
/// The <c>Channels:email</c> settings and how they are read. They are read again for every send and every IMAP
/// connection, so an operator's fix (a new password) takes effect without a restart.
/// </summary>
internal static class EmailSettings
{
    public static IReadOnlyList<ChannelSetting> All { get; } =
    [
        new("Smtp:Host", "The SMTP submission server, e.g. smtp.example.com", Required: true),
        new("Smtp:Port", "Its port: 587 by default, 465 with SslOnConnect"),
        new("Smtp:Security", "StartTls (required, the default), SslOnConnect or None", DefaultValue: "StartTls"),
        new("Smtp:User", "The submission login; empty to send without AUTH"),
        new("Smtp:Password", "The submission password", Secret: true),
        new("Imap:Host", "The IMAP server holding the inbox's mailbox, e.g. imap.example.com", Required: true),
        new("Imap:Port", "Its port: 143 by default, 993 with SslOnConnect"),
        new("Imap:Security", "StartTls (required, the default), SslOnConnect or None", DefaultValue: "StartTls"),
        new("Imap:User", "The mailbox login", Required: true),
        new("Imap:Password", "The mailbox password", Required: true, Secret: true),
        new("Imap:Folder", "The folder new mail arrives in", DefaultValue: "INBOX"),
        new("Imap:UseIdle", "Wait with IMAP IDLE when the server offers it; false always polls", DefaultValue: "true"),
        new("Imap:PollInterval", "How often to look for new mail without IDLE", DefaultValue: "00:01:00"),
        new("FromAddress", "The inbox's address, the From of every reply, e.g. support@example.com", Required: true),
        new("FromName", "The display name beside it, e.g. Example Support"),
        new("MessageIdDomain", "The right-hand side of minted Message-IDs; FromAddress's domain by default"),
        new("CampaignId", "The campaign new mail is filed under; empty for the first campaign taking e-mail"),
        new("TrustedCertificateSha256", "Server certificates to trust besides the system's: SHA-256 fingerprints in hex, comma-separated"),
        new("TrustedCaFile", "A PEM file of private CAs to trust besides the system's"),
        new("MaxAttachmentBytes", "The largest file the channel takes", DefaultValue: "10485760"),
    ];

    public static EmailOptions Read(IConfiguration configuration)
    {
        var from = new MailboxAddress(Optional(configuration, "FromName"), Required(configuration, "FromAddress"));
        return new EmailOptions(
            Server(configuration, "Smtp", plainPort: 587, tlsPort: 465),
            Server(configuration, "Imap", plainPort: 143, tlsPort: 993),
            Value(configuration, "Imap:Folder"),
            bool.Parse(Value(configuration, "Imap:UseIdle")),
            TimeSpan.Parse(Value(configuration, "Imap:PollInterval"), CultureInfo.InvariantCulture),
            from,
            Optional(configuration, "MessageIdDomain") ?? from.Domain,
            Optional(configuration, "CampaignId"),
            CertificateTrust.Create(Optional(configuration, "TrustedCertificateSha256"), Optional(configuration, "TrustedCaFile")),
            long.Parse(Value(configuration, "MaxAttachmentBytes"), CultureInfo.InvariantCulture));
    }

    private static MailServer Server(IConfiguration configuration, string prefix, int plainPort, int tlsPort)
    {
        var security = Value(configuration, prefix + ":Security") switch
        {
            var s when s.Equals("StartTls", StringComparison.OrdinalIgnoreCase) => SecureSocketOptions.StartTls,
            var s when s.Equals("SslOnConnect", StringComparison.OrdinalIgnoreCase) => SecureSocketOptions.SslOnConnect,
            var s when s.Equals("None", StringComparison.OrdinalIgnoreCase) => SecureSocketOptions.None,

            // No "when available": a server that stops offering STARTTLS must not get the password in clear.
            var s => throw new FormatException($"{prefix}:Security is '{s}'; use StartTls, SslOnConnect or None."),
        };
        var port = Optional(configuration, prefix + ":Port") is { } text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : security == SecureSocketOptions.SslOnConnect ? tlsPort : plainPort;
        return new MailServer(
            Required(configuration, prefix + ":Host"), port, security, Optional(configuration, prefix + ":User"), Optional(configuration, prefix + ":Password"));
    }

    private static string Value(IConfiguration configuration, string name) =>
        Optional(configuration, name) ?? All.First(s => s.Name == name).DefaultValue!;

    private static string Required(IConfiguration configuration, string name) =>
        Optional(configuration, name) ?? throw new FormatException($"{name} is required.");

    private static string? Optional(IConfiguration configuration, string name) =>
        configuration[name] is { Length: > 0 } value ? value : null;
}

using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Inbox.MediaServer.Tests.Plugins.Email;

/// <summary>A person with a mailbox on <see cref="MailServers"/>: writes through submission and reads her mail over IMAP.</summary>
internal sealed class MailUser(MailServers servers, string account)
{
    public MailboxAddress Mailbox { get; } = new(null, MailServers.Address(account));

    public async Task SendAsync(MimeMessage mail)
    {
        using var client = new SmtpClient { ServerCertificateValidationCallback = TrustsTestCertificate };
        await client.ConnectAsync(MailServers.Host, servers.SmtpPort, SecureSocketOptions.StartTls, TestContext.Current.CancellationToken);
        await client.AuthenticateAsync(Mailbox.Address, MailServers.Password, TestContext.Current.CancellationToken);
        await client.SendAsync(mail, TestContext.Current.CancellationToken);
        await client.DisconnectAsync(true, TestContext.Current.CancellationToken);
    }

    /// <summary>Waits for a mail in her inbox that <paramref name="matches"/>; returns it with its IMAP flags.</summary>
    public async Task<(MimeMessage Mail, MessageFlags Flags)> WaitForAsync(Func<MimeMessage, bool> matches)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using (var client = new ImapClient { ServerCertificateValidationCallback = TrustsTestCertificate })
            {
                await client.ConnectAsync(MailServers.Host, servers.ImapPort, SecureSocketOptions.StartTls, TestContext.Current.CancellationToken);
                await client.AuthenticateAsync(Mailbox.Address, MailServers.Password, TestContext.Current.CancellationToken);
                await client.Inbox.OpenAsync(FolderAccess.ReadOnly, TestContext.Current.CancellationToken);
                foreach (var uid in await client.Inbox.SearchAsync(SearchQuery.All, TestContext.Current.CancellationToken))
                {
                    var mail = await client.Inbox.GetMessageAsync(uid, TestContext.Current.CancellationToken);
                    if (matches(mail))
                    {
                        var summary = await client.Inbox.FetchAsync([uid], MessageSummaryItems.Flags, TestContext.Current.CancellationToken);
                        return (mail, summary[0].Flags ?? MessageFlags.None);
                    }
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No matching mail reached {Mailbox.Address}.\n{servers.Logs()}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private bool TrustsTestCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null
        && string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", null))) == servers.CertificateSha256;
}

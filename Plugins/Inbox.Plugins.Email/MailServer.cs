using MailKit;
using MailKit.Security;

namespace Inbox.Plugins.Email;

/// <summary>An SMTP or IMAP server and the login for it.</summary>
internal sealed record MailServer(string Host, int Port, SecureSocketOptions Security, string? User, string? Password)
{
    // Long enough for a slow provider, short enough that a dead one fails the send and is retried.
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    /// <summary>Connects (with TLS as configured, the certificate checked by <paramref name="trust"/>) and logs in when a user is set.</summary>
    public async Task ConnectAsync(MailService client, CertificateTrust trust, CancellationToken cancellationToken)
    {
        client.Timeout = (int)s_timeout.TotalMilliseconds;
        client.ServerCertificateValidationCallback = trust.Validate;
        await client.ConnectAsync(Host, Port, Security, cancellationToken).ConfigureAwait(false);
        if (User is not null)
        {
            await client.AuthenticateAsync(User, Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }
    }

    // Not the generated one: that would print the password into logs.
    public override string ToString() => $"{Host}:{Port}";
}

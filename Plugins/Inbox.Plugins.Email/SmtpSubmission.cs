using System.Net.Sockets;
using Inbox.Contracts.Channels;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Inbox.Plugins.Email;

/// <summary>
/// Hands mail to the SMTP submission server, one connection per message (an inbox sends a few mails a minute, and a
/// fresh connection never trips over one the server dropped), and says honestly whether trying again may help.
/// </summary>
internal static class SmtpSubmission
{
    /// <param name="messageId">The Message-ID <paramref name="mail"/> carries: the provider id of a sent one.</param>
    public static async Task<SendResult> SendAsync(MimeMessage mail, string messageId, EmailOptions options, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        try
        {
            await options.Smtp.ConnectAsync(client, options.Trust, cancellationToken).ConfigureAwait(false);
            await client.SendAsync(mail, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException e)
        {
            // RFC 5321 §4.2.1: 4yz is transient (try again later), 5yz permanent (this message will never go).
            var status = (int)e.StatusCode;
            return SendResult.Failed($"smtp_{status}", $"The SMTP server refused the mail: {status} {e.Message}", retryable: status < 500);
        }
        catch (AuthenticationException e)
        {
            // Retryable: the password is the operator's to fix, and the settings are read again on the next try.
            return SendResult.Failed("smtp_auth", $"The SMTP server refused the login: {e.Message}", retryable: true);
        }
        catch (Exception e) when (IsUnreachable(e, cancellationToken))
        {
            return SendResult.Failed("smtp_unreachable", $"The SMTP server {options.Smtp} could not be reached: {e.Message}", retryable: true);
        }

        await QuitQuietlyAsync(client, cancellationToken).ConfigureAwait(false);
        return SendResult.Sent(messageId);
    }

    /// <summary>Null when the server takes a connection and the login; else why not.</summary>
    public static async Task<string?> ProbeAsync(EmailOptions options, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        try
        {
            await options.Smtp.ConnectAsync(client, options.Trust, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException || IsUnreachable(e, cancellationToken))
        {
            return $"SMTP {options.Smtp}: {e.Message}";
        }

        await QuitQuietlyAsync(client, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>A failure of the connection rather than a refusal: the server is down, slow, or speaks nonsense.</summary>
    public static bool IsUnreachable(Exception e, CancellationToken cancellationToken) =>
        e is IOException or SocketException or SslHandshakeException or ProtocolException or TimeoutException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    // The server has the mail already; a failed goodbye changes nothing.
    private static async Task QuitQuietlyAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnreachable(e, cancellationToken))
        {
            // Nothing to do: the connection is disposed with the client.
        }
    }
}

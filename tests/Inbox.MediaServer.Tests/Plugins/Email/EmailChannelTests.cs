using System.Globalization;
using Inbox.Contracts.Channels;
using MailKit;
using MimeKit;

namespace Inbox.MediaServer.Tests.Plugins.Email;

/// <summary>
/// The e-mail plugin on its own against the real Postfix and Dovecot, hosted by a recording host: how it answers a
/// refused login, a server that is down, a refused recipient and an untrusted certificate; and how IMAP polling and
/// IDLE file mail once, across a restart of the plugin and a dropped connection.
/// </summary>
[Collection(MailServersDefinition.Name)]
[Trait("Category", "E2E")]
public sealed class EmailChannelTests(MailServers servers) : IAsyncDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("inbox-email-").FullName;
    private readonly List<IChannelPlugin> _plugins = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var plugin in _plugins)
        {
            await plugin.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task SendAsync_WrongPassword_RetryableLoginFailure()
    {
        var settings = EmailPlugin.Settings(servers, "inbox");
        settings["Smtp:Password"] = "wrong";
        var plugin = await StartAsync(settings);

        var result = await plugin.SendAsync(Reply("customer"), TestContext.Current.CancellationToken);

        Assert.Equal((false, "smtp_auth", true), (result.Accepted, result.FailureCode, result.Retryable));
    }

    [Fact]
    public async Task SendAsync_SmtpServerDown_RetryableUnreachable()
    {
        var settings = EmailPlugin.Settings(servers, "inbox");
        settings["Smtp:Port"] = MailServers.FreePort().ToString(CultureInfo.InvariantCulture);
        var plugin = await StartAsync(settings);

        var result = await plugin.SendAsync(Reply("customer"), TestContext.Current.CancellationToken);
        var health = await plugin.CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal((false, "smtp_unreachable", true), (result.Accepted, result.FailureCode, result.Retryable));
        Assert.False(health.IsHealthy);
        Assert.Contains("SMTP", health.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_UnknownRecipient_PermanentFailureWithTheServersText()
    {
        var plugin = await StartAsync(EmailPlugin.Settings(servers, "inbox"));

        var result = await plugin.SendAsync(Reply("nobody"), TestContext.Current.CancellationToken);

        Assert.Equal((false, false), (result.Accepted, result.Retryable));
        Assert.StartsWith("smtp_5", result.FailureCode, StringComparison.Ordinal);
        Assert.Contains("nobody@example.test", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CertificateNeitherPinnedNorFromATrustedCa_Refused()
    {
        var settings = EmailPlugin.Settings(servers, "inbox");
        settings.Remove("TrustedCertificateSha256");
        var plugin = await StartAsync(settings);

        var result = await plugin.SendAsync(Reply("customer"), TestContext.Current.CancellationToken);

        Assert.False(result.Accepted);
        Assert.Contains("certificate", result.FailureReason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SendAsync_CertificateFromTheConfiguredCaFile_Sent()
    {
        var settings = EmailPlugin.Settings(servers, "inbox");
        settings.Remove("TrustedCertificateSha256");
        settings["TrustedCaFile"] = servers.CertificatePath;
        var plugin = await StartAsync(settings);
        var message = Reply("other");

        var result = await plugin.SendAsync(message, TestContext.Current.CancellationToken);
        var (mail, _) = await new MailUser(servers, "other").WaitForAsync(m => m.MessageId == result.ProviderMessageId);

        Assert.True(result.Accepted, result.FailureReason);
        Assert.Equal($"{message.MessageId}@inbox.example.test", result.ProviderMessageId);
        Assert.Equal(message.Text, mail.TextBody?.Trim());
    }

    [Fact]
    public async Task Receive_Polling_FilesEachMailOnceAcrossARestartAndMarksItSeen()
    {
        var settings = EmailPlugin.Settings(servers, "polled");
        settings["Imap:UseIdle"] = "false";
        settings["Imap:PollInterval"] = "00:00:00.300";
        var customer = new MailUser(servers, "customer");
        var first = await StartHostAsync(settings);
        await customer.SendAsync(Mail(customer, "polled", "First"));
        await Eventually.Until(() => !first.Host.Received.IsEmpty);
        await first.Plugin.DisposeAsync();
        _plugins.Remove(first.Plugin);

        await customer.SendAsync(Mail(customer, "polled", "Second"));
        var second = await StartHostAsync(settings);
        await Eventually.Until(() => !second.Host.Received.IsEmpty);
        var (filedFirst, flags) = await new MailUser(servers, "polled").WaitForAsync(m => m.Subject == "First");

        Assert.Equal(["First"], first.Host.Received.Select(m => m.Subject));
        Assert.Equal(["Second"], second.Host.Received.Select(m => m.Subject));
        Assert.True(flags.HasFlag(MessageFlags.Seen));
        Assert.Equal(filedFirst.MessageId, first.Host.Received.Single().ProviderMessageId);
    }

    [Fact]
    public async Task Receive_IdleConnectionDropped_ReconnectsAndFilesTheNextMail()
    {
        // Polling is slower than the test's patience: only IDLE can bring the mail in time.
        var settings = EmailPlugin.Settings(servers, "idle");
        settings["Imap:PollInterval"] = "01:00:00";
        var customer = new MailUser(servers, "customer");
        var (plugin, host) = await StartHostAsync(settings);
        await Eventually.Until(async () => (await plugin.CheckHealthAsync(TestContext.Current.CancellationToken)).IsHealthy);
        await customer.SendAsync(Mail(customer, "idle", "Before"));
        await Eventually.Until(() => host.Received.Count == 1);

        await servers.KickAsync("idle");
        await customer.SendAsync(Mail(customer, "idle", "After"));
        await Eventually.Until(() => host.Received.Count == 2);

        Assert.Equal(["Before", "After"], host.Received.Select(m => m.Subject));
        Assert.True((await plugin.CheckHealthAsync(TestContext.Current.CancellationToken)).IsHealthy);
    }

    private async Task<IChannelPlugin> StartAsync(Dictionary<string, string?> settings) => (await StartHostAsync(settings)).Plugin;

    private async Task<(IChannelPlugin Plugin, RecordingChannelHost Host)> StartHostAsync(Dictionary<string, string?> settings)
    {
        var host = EmailPlugin.Host(settings, _data);
        var plugin = await EmailPlugin.StartAsync(host);
        _plugins.Add(plugin);
        return (plugin, host);
    }

    private static OutboundMessage Reply(string account) =>
        new("interaction-1", Guid.NewGuid().ToString("N"), MailServers.Address(account), "Your order left today.") { Subject = "Your order" };

    private static MimeMessage Mail(MailUser from, string to, string subject) => new(
        [from.Mailbox], [new MailboxAddress(null, MailServers.Address(to))], subject, new TextPart("plain") { Text = $"{subject} mail" });
}

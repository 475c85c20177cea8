using Inbox.Contracts.Channels;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Inbox.MediaServer.Tests.Plugins.Email;

/// <summary>The built e-mail plugin, loaded as the host loads it, and the settings that point it at <see cref="MailServers"/>.</summary>
internal static class EmailPlugin
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "sample-plugins", "email");

    /// <summary>Its settings for the mailbox <paramref name="account"/>, trusting the servers' certificate by its fingerprint.</summary>
    public static Dictionary<string, string?> Settings(MailServers servers, string account) => new()
    {
        ["Smtp:Host"] = MailServers.Host,
        ["Smtp:Port"] = servers.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:User"] = MailServers.Address(account),
        ["Smtp:Password"] = MailServers.Password,
        ["Imap:Host"] = MailServers.Host,
        ["Imap:Port"] = servers.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Imap:User"] = MailServers.Address(account),
        ["Imap:Password"] = MailServers.Password,
        ["FromAddress"] = MailServers.Address(account),
        ["FromName"] = "Example Support",
        ["MessageIdDomain"] = "inbox." + MailServers.Domain,
        ["TrustedCertificateSha256"] = servers.CertificateSha256,
    };

    /// <summary>Loads a fresh instance in a load context of its own and starts it with <paramref name="host"/>.</summary>
    public static async Task<IChannelPlugin> StartAsync(RecordingChannelHost host)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(
            Path.Combine(Folder, "Inbox.Plugins.Email.dll"),
            [typeof(IChannelPlugin), typeof(IConfiguration), typeof(ILoggerFactory), typeof(ILogger)],
            c => c.PreferSharedTypes = true);
        var type = loader.LoadDefaultAssembly().GetExportedTypes().Single(t => typeof(IChannelPlugin).IsAssignableFrom(t));
        var plugin = (IChannelPlugin)Activator.CreateInstance(type)!;
        await plugin.StartAsync(host, TestContext.Current.CancellationToken);
        return plugin;
    }

    public static RecordingChannelHost Host(Dictionary<string, string?> settings, string dataDirectory) =>
        new("email", new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), dataDirectory, new LoggerFactory([new TestOutputLoggerProvider()]));
}

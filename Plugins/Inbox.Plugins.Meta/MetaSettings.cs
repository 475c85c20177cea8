using System.Globalization;
using Inbox.Contracts.Channels;
using Microsoft.Extensions.Configuration;

namespace Inbox.Plugins.Meta;

/// <summary>
/// The settings every Meta channel reads from its <c>Channels:&lt;id&gt;</c> section, read once at start. The
/// account setting names the one phone number, Page or Instagram account the channel speaks for.
/// </summary>
/// <param name="BaseUrl">The Graph API's root; a test points it at a stub.</param>
/// <param name="ReplayWindow">Events older than this are replays: Meta stops redelivering a webhook after 7 days.</param>
internal sealed record MetaSettings(
    Uri BaseUrl, string ApiVersion, string AccessToken, byte[] AppSecret, string VerifyToken, string Account, string? Campaign, TimeSpan ReplayWindow)
{
    public const string DefaultBaseUrl = "https://graph.facebook.com";
    public const string DefaultApiVersion = "v25.0";
    public const string DefaultReplayWindow = "7.00:00:00";

    /// <summary>The settings list for <see cref="IChannelPlugin.Settings"/>, with the channel's own account setting.</summary>
    public static IReadOnlyList<ChannelSetting> Describe(string accountSetting, string accountDescription) =>
    [
        new("AccessToken", "The access token the Graph API is called with (a system user token or a Page access token)", Required: true, Secret: true),
        new("AppSecret", "The Meta app's secret: webhooks are signed with it (X-Hub-Signature-256)", Required: true, Secret: true),
        new("VerifyToken", "A string of your choice, entered again as the webhook's verify token in the app dashboard", Required: true, Secret: true),
        new(accountSetting, accountDescription, Required: true),
        new("BaseUrl", "The Graph API's address", DefaultValue: DefaultBaseUrl),
        new("ApiVersion", "The Graph API version in every path, e.g. v25.0", DefaultValue: DefaultApiVersion),
        new("Campaign", "The campaign new conversations join; empty: the first campaign taking this channel"),
        new("ReplayWindow", "Webhook events older than this are ignored as replays (Meta retries for up to 7 days)", DefaultValue: DefaultReplayWindow),
    ];

    /// <summary>Reads the section; the host has already checked that the required settings are there.</summary>
    public static MetaSettings Read(IConfiguration section, string accountSetting)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new MetaSettings(
            new Uri(Or(section["BaseUrl"], DefaultBaseUrl).TrimEnd('/') + "/", UriKind.Absolute),
            Or(section["ApiVersion"], DefaultApiVersion).Trim('/'),
            section["AccessToken"]!,
            System.Text.Encoding.UTF8.GetBytes(section["AppSecret"]!),
            section["VerifyToken"]!,
            section[accountSetting]!,
            string.IsNullOrWhiteSpace(section["Campaign"]) ? null : section["Campaign"],
            TimeSpan.Parse(Or(section["ReplayWindow"], DefaultReplayWindow), CultureInfo.InvariantCulture));
    }

    /// <summary>Whether an event from <paramref name="at"/> is too old to be a genuine (re)delivery.</summary>
    public bool IsStale(DateTimeOffset at, DateTimeOffset now) => now - at > ReplayWindow;

    private static string Or(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;
}

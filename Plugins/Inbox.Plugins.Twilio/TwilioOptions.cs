using Inbox.Contracts.Channels;
using Microsoft.Extensions.Configuration;

namespace Inbox.Plugins.Twilio;

/// <summary>The channel's settings (<c>Channels:&lt;id&gt;</c>), read once at start.</summary>
internal sealed record TwilioOptions(
    string AccountSid, string AuthToken, string? From, string? MessagingServiceSid, string BaseUrl, string? PublicUrl, string? Campaign)
{
    public const string DefaultBaseUrl = "https://api.twilio.com";

    public static IReadOnlyList<ChannelSetting> Settings { get; } =
    [
        new("AccountSid", "The Twilio account SID (AC…)", Required: true),
        new("AuthToken", "The account's auth token: signs the API calls and checks the webhooks' X-Twilio-Signature", Required: true, Secret: true),
        new("From", "The sending number in E.164 (+15551234567); this or MessagingServiceSid is required"),
        new("MessagingServiceSid", "A Messaging Service (MG…) to send from instead of one number"),
        new("BaseUrl", "The REST API's base URL", DefaultValue: DefaultBaseUrl),
        new("PublicUrl", "The server's base URL as Twilio calls it (e.g. https://inbox.example.com) when a proxy stands in front: " +
            "webhook signatures are checked against it, and sends ask for status callbacks to it"),
        new("Campaign", "The campaign new conversations go to; by default the first one taking SMS"),
    ];

    public static TwilioOptions Read(IConfiguration configuration, string channelId)
    {
        var options = new TwilioOptions(
            configuration["AccountSid"]!,
            configuration["AuthToken"]!,
            NullIfEmpty(configuration["From"]),
            NullIfEmpty(configuration["MessagingServiceSid"]),
            NullIfEmpty(configuration["BaseUrl"]) ?? DefaultBaseUrl,
            NullIfEmpty(configuration["PublicUrl"])?.TrimEnd('/'),
            NullIfEmpty(configuration["Campaign"]));
        if (options.From is null && options.MessagingServiceSid is null)
        {
            throw new InvalidOperationException($"Channels:{channelId} needs From (a number) or MessagingServiceSid to send from.");
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out _) || (options.PublicUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _)))
        {
            throw new InvalidOperationException($"Channels:{channelId}:BaseUrl and PublicUrl must be absolute URLs.");
        }

        return options;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

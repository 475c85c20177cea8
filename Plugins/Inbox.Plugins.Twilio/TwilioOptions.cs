using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Inbox.Contracts.Channels;
using Microsoft.Extensions.Configuration;

namespace Inbox.Plugins.Twilio;

/// <summary>The channel's settings (<c>Channels:&lt;id&gt;</c>), read once at start.</summary>
internal sealed record TwilioOptions(
    string AccountSid, string AuthToken, string? From, string? MessagingServiceSid, string BaseUrl, string? PublicUrl, string? Campaign, long MaxMediaBytes)
{
    public const string DefaultBaseUrl = "https://api.twilio.com";

    // Twilio takes at most 5 MB of media in one message; an inbound file is refused past this by default.
    public const long DefaultMaxMediaBytes = 5 * 1024 * 1024;

    // The inbox's own largest file (a document): a bigger limit would fetch files only for the inbox to refuse them.
    private const long MostMediaBytes = 100 * 1024 * 1024;

    /// <summary>The API's base URL with a trailing slash, so relative paths resolve under it.</summary>
    public Uri ApiBase => new(BaseUrl.TrimEnd('/') + "/");

    /// <summary>HTTP Basic with the account SID and auth token: for the API's own host only.</summary>
    public AuthenticationHeaderValue Credentials => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")));

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
        new("MaxMediaBytes", "The largest MMS file fetched from Twilio, in bytes (at most 100 MiB); a larger one is named in the message instead",
            DefaultValue: DefaultMaxMediaBytes.ToString(CultureInfo.InvariantCulture)),
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
            NullIfEmpty(configuration["Campaign"]),
            MaxMediaBytesOf(configuration, channelId));
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

    private static long MaxMediaBytesOf(IConfiguration configuration, string channelId)
    {
        if (NullIfEmpty(configuration["MaxMediaBytes"]) is not { } text)
        {
            return DefaultMaxMediaBytes;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= MostMediaBytes
            ? value
            : throw new InvalidOperationException($"Channels:{channelId}:MaxMediaBytes must be a whole number from 1 to {MostMediaBytes}, not '{text}'.");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using System.Globalization;
using Inbox.Contracts.Channels;
using Microsoft.Extensions.Configuration;

namespace Inbox.Plugins.WebChat;

/// <summary>The channel's settings (<c>Channels:&lt;id&gt;</c>), read once at start.</summary>
internal sealed record WebChatOptions(string? Campaign, long MaxAttachmentBytes, int HistoryLength)
{
    /// <summary>The longest text a visitor or an agent may write.</summary>
    public const int MaxTextLength = 4_000;

    /// <summary>Files one visitor message may carry.</summary>
    public const int MaxAttachmentsPerMessage = 3;

    public const long DefaultMaxAttachmentBytes = 5 * 1024 * 1024;
    private const int DefaultHistoryLength = 200;

    public static IReadOnlyList<ChannelSetting> Settings { get; } =
    [
        new("Campaign", "The campaign new conversations go to; by default the first one taking web chat"),
        new("MaxAttachmentBytes", "The largest file either side may send, in bytes", DefaultValue: DefaultMaxAttachmentBytes.ToString(CultureInfo.InvariantCulture)),
        new("HistoryLength", "Messages kept per visitor for replay when she comes back (older ones are dropped)",
            DefaultValue: DefaultHistoryLength.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>
    /// The largest frame a visitor may send: every file of a message, base64-encoded (4 bytes per 3), plus room
    /// for the text and the JSON around it.
    /// </summary>
    public int MaxFrameBytes => (int)Math.Min(int.MaxValue, (MaxAttachmentBytes + 2) / 3 * 4 * MaxAttachmentsPerMessage + 64 * 1024);

    public static WebChatOptions Read(IConfiguration configuration, string channelId)
    {
        var campaign = string.IsNullOrWhiteSpace(configuration["Campaign"]) ? null : configuration["Campaign"]!.Trim();
        var maxBytes = Number(configuration, "MaxAttachmentBytes", DefaultMaxAttachmentBytes, channelId);
        var history = Number(configuration, "HistoryLength", DefaultHistoryLength, channelId);
        if (maxBytes > 64 * 1024 * 1024 || history > 10_000)
        {
            throw new InvalidOperationException($"Channels:{channelId}: MaxAttachmentBytes is at most 64 MiB and HistoryLength at most 10000.");
        }

        return new WebChatOptions(campaign, maxBytes, (int)history);
    }

    private static long Number(IConfiguration configuration, string name, long defaultValue, string channelId)
    {
        var text = configuration[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"Channels:{channelId}:{name} must be a positive whole number, not '{text}'.");
    }
}

using Inbox.Contracts.Channels;

namespace Inbox.Plugins.Meta.Messaging;

/// <summary>
/// What tells Messenger and Instagram apart on the Messenger Platform, which they share: the webhook's
/// <c>object</c>, the account setting, what each carries, and how each reports reads.
/// </summary>
/// <param name="WebhookObject">The <c>object</c> of its webhook batches: <c>page</c> or <c>instagram</c>.</param>
/// <param name="ReadsCarryMessageId">
/// Instagram's <c>read</c> names the message (<c>mid</c>); Messenger's gives only a watermark time, so the channel
/// remembers what it sent (<see cref="SentMessageStore"/>) to find the messages a watermark covers.
/// </param>
/// <param name="Refusal">Why a file cannot be sent on this platform, or null when it can.</param>
internal sealed record MessengerPlatform(
    string Name,
    string WebhookObject,
    string AccountSetting,
    string AccountDescription,
    ChannelCapabilities Capabilities,
    bool ReadsCarryMessageId,
    Func<OutboundAttachment, string?> Refusal)
{
    public const long Megabyte = 1024 * 1024;

    /// <summary>The Send API attachment type for a file: image, video, audio, or file for anything else.</summary>
    public static string AttachmentType(string mediaType) => mediaType.Split('/')[0].ToLowerInvariant() switch
    {
        "image" => "image",
        "video" => "video",
        "audio" => "audio",
        _ => "file",
    };
}

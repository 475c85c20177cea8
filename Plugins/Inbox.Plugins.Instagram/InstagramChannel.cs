using Inbox.Contracts.Channels;
using Inbox.Plugins.Meta.Messaging;

namespace Inbox.Plugins.Instagram;

/// <summary>
/// Instagram direct messages for one professional account (through its linked Page's token): customers are
/// addressed by their Instagram-scoped id (IGSID). Replies are free within 24 hours of the customer's last message.
/// </summary>
public sealed class InstagramChannel() : MessengerPlatformChannel(s_instagram)
{
    private const long MaxImageBytes = 8 * MessengerPlatform.Megabyte;
    private const long MaxFileBytes = 25 * MessengerPlatform.Megabyte;

    // Instagram Messaging's media table: images PNG, JPEG and GIF up to 8 MB; audio AAC, M4A and WAV, video and PDF
    // files up to 25 MB. Text up to 1,000 bytes of UTF-8.
    private static readonly MessengerPlatform s_instagram = new(
        "Instagram",
        WebhookObject: "instagram",
        AccountSetting: "AccountId",
        AccountDescription: "The Instagram professional account's id (entry.id of its webhooks); events for other accounts are ignored",
        new ChannelCapabilities(AttachmentKinds.All, VoiceNotes: true, Templates: false, MessagingWindow: TimeSpan.FromHours(24), MaxTextLength: 1_000,
            MaxAttachmentBytes: MaxFileBytes)
        {
            ShowsAgentTyping = true,
        },
        ReadsCarryMessageId: true,
        Refusal);

    private static string? Refusal(OutboundAttachment file)
    {
        var type = file.MediaType.Split(';')[0].Trim().ToLowerInvariant();
        var (allowed, limit) = MessengerPlatform.AttachmentType(type) switch
        {
            "image" => (type is "image/png" or "image/jpeg" or "image/gif", MaxImageBytes),
            "audio" => (type is "audio/aac" or "audio/mp4" or "audio/wav", MaxFileBytes),
            "video" => (true, MaxFileBytes),
            _ => (type == "application/pdf", MaxFileBytes),
        };
        return !allowed ? $"{file.FileName}: Instagram does not take {type} files."
            : file.Length > limit ? $"{file.FileName} is {file.Length / MessengerPlatform.Megabyte} MB; Instagram takes these up to {limit / MessengerPlatform.Megabyte} MB."
            : null;
    }
}

using Inbox.Contracts.Channels;
using Inbox.Plugins.Meta.Messaging;

namespace Inbox.Plugins.Messenger;

/// <summary>
/// Facebook Messenger for one Page: customers are addressed by their Page-scoped id (PSID). Replies are free within
/// 24 hours of the customer's last message; Messenger has no templates the inbox can send outside it.
/// </summary>
public sealed class MessengerChannel() : MessengerPlatformChannel(s_messenger)
{
    private const long MaxFileBytes = 25 * MessengerPlatform.Megabyte;

    // Send API limits: 2,000 characters of text, files up to 25 MB; audio plays as a voice clip.
    private static readonly MessengerPlatform s_messenger = new(
        "Messenger",
        WebhookObject: "page",
        AccountSetting: "PageId",
        AccountDescription: "The Facebook Page's id; events for other Pages are ignored",
        new ChannelCapabilities(AttachmentKinds.All, VoiceNotes: true, Templates: false, MessagingWindow: TimeSpan.FromHours(24), MaxTextLength: 2_000,
            MaxAttachmentBytes: MaxFileBytes)
        {
            ShowsAgentTyping = true,
        },
        ReadsCarryMessageId: false,
        file => file.Length > MaxFileBytes ? $"{file.FileName} is {file.Length / MessengerPlatform.Megabyte} MB; Messenger takes files up to 25 MB." : null);
}

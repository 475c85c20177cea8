using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Channels;

/// <summary>What a channel can carry; the domain refuses anything else before it reaches the channel.</summary>
/// <param name="IsText">Whether messages are exchanged at all (false for telephony).</param>
/// <param name="AttachmentKinds">Attachment kinds allowed; empty means no attachments.</param>
/// <param name="VoiceNotes">Whether audio voice notes are allowed.</param>
/// <param name="Templates">Whether templates can be sent.</param>
/// <param name="MessagingWindow">
/// How long after the customer's last message free text may be sent (WhatsApp, Messenger, Instagram: 24 h);
/// outside it only an approved template may open the conversation. Null: no window.
/// </param>
/// <param name="MaxTextLength">Longest text body accepted, in UTF-16 code units.</param>
internal sealed record ChannelCapabilities(
    bool IsText,
    IReadOnlySet<AttachmentKind> AttachmentKinds,
    bool VoiceNotes,
    bool Templates,
    TimeSpan? MessagingWindow,
    int MaxTextLength)
{
    private static readonly HashSet<AttachmentKind> s_none = [];
    private static readonly HashSet<AttachmentKind> s_all = [AttachmentKind.Image, AttachmentKind.Video, AttachmentKind.Document, AttachmentKind.Audio];
    private static readonly TimeSpan s_customerServiceWindow = TimeSpan.FromHours(24);

    /// <summary>The largest single file the channel takes, in bytes; null when only the server's own limits apply.</summary>
    public long? MaxAttachmentBytes { get; init; }

    /// <summary>
    /// Whether the customer sees the agent typing (<see cref="ITypingChannel"/>). False unless the channel says so: a
    /// channel that is not connected shows nothing.
    /// </summary>
    public bool ShowsAgentTyping { get; init; }

    public bool AllowsAttachments => AttachmentKinds.Count > 0;

    /// <summary>The product's rules per channel, used when a channel does not describe itself.</summary>
    public static ChannelCapabilities DefaultFor(ChannelKind kind) => kind switch
    {
        ChannelKind.Telephony => new(false, s_none, false, false, null, 0),
        ChannelKind.Email => new(true, s_all, false, true, null, 1_000_000),
        ChannelKind.WhatsApp => new(true, s_all, true, true, s_customerServiceWindow, 4_096),
        ChannelKind.Sms => new(true, s_none, false, true, null, 1_600),
        ChannelKind.WebChat => new(true, s_all, true, false, null, 10_000),
        ChannelKind.Instagram or ChannelKind.Messenger => new(true, s_all, true, true, s_customerServiceWindow, 2_000),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

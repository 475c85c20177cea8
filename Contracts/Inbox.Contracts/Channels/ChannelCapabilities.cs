namespace Inbox.Contracts.Channels;

/// <summary>The kinds of file a channel carries.</summary>
[Flags]
public enum AttachmentKinds
{
    None = 0,
    Image = 1,
    Video = 2,
    Audio = 4,
    Document = 8,
    All = Image | Video | Audio | Document,
}

/// <summary>What a channel can carry: the inbox refuses anything else before it reaches the plugin.</summary>
/// <param name="Attachments">The kinds of file it takes; <see cref="AttachmentKinds.None"/> for none (SMS).</param>
/// <param name="VoiceNotes">Whether recorded voice messages can be sent.</param>
/// <param name="Templates">Whether approved templates can be sent.</param>
/// <param name="MessagingWindow">
/// How long after the customer's last message free text may be sent (24 h on WhatsApp, Messenger, Instagram);
/// outside it only a template can. Null: no window.
/// </param>
/// <param name="MaxTextLength">The longest text, in UTF-16 code units.</param>
/// <param name="MaxAttachmentBytes">The largest single file, in bytes; the inbox refuses a bigger one. 0: no limit of the channel's own.</param>
public sealed record ChannelCapabilities(
    AttachmentKinds Attachments,
    bool VoiceNotes,
    bool Templates,
    TimeSpan? MessagingWindow,
    int MaxTextLength,
    long MaxAttachmentBytes)
{
    /// <summary>
    /// Whether the customer sees the agent typing: the inbox calls <see cref="IChannelPlugin.SendTypingAsync"/> only
    /// when this is true, and refuses the agent's typing signal otherwise. Default false, so a plugin written before
    /// it keeps compiling and behaving as it did.
    /// </summary>
    public bool ShowsAgentTyping { get; init; }
}

/// <summary>A setting the plugin reads from its configuration section.</summary>
/// <param name="Secret">Never logged or shown (tokens, passwords, app secrets).</param>
public sealed record ChannelSetting(string Name, string Description, bool Required = false, bool Secret = false, string? DefaultValue = null);

/// <summary>Whether the channel can reach its provider.</summary>
public sealed record ChannelHealth(bool IsHealthy, string? Detail = null)
{
    public static ChannelHealth Healthy { get; } = new(true);

    public static ChannelHealth Unhealthy(string detail) => new(false, detail);
}

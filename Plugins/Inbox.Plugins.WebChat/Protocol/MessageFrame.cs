namespace Inbox.Plugins.WebChat.Protocol;

/// <summary>A conversation entry: an agent's message, or her own (replayed, or written in another tab).</summary>
internal sealed record MessageFrame(long Seq, string Id, string From, string Text, DateTimeOffset At, IReadOnlyList<FrameAttachment> Attachments)
{
    public string Type { get; init; } = "message";
}

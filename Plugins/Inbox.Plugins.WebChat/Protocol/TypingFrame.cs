namespace Inbox.Plugins.WebChat.Protocol;

/// <summary>The agent is typing: shown for a few seconds, or until her message arrives. Sent to open tabs only, never kept.</summary>
internal sealed record TypingFrame
{
    public string Type { get; init; } = "typing";
}

namespace Inbox.Plugins.WebChat.Protocol;

/// <summary>A file inside a message frame, its bytes in base64 (absent when replayed from the visitor's own history).</summary>
internal sealed record FrameAttachment(string? Name, string? MediaType, string? Data);

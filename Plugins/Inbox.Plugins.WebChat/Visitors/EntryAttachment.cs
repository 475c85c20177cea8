namespace Inbox.Plugins.WebChat.Visitors;

/// <summary>
/// A file in the conversation. An agent's keeps the path of the inbox's stored copy, read again on each replay; the
/// visitor's own keeps only its name (the inbox has the bytes).
/// </summary>
internal sealed record EntryAttachment(string Name, string MediaType, string? Path);

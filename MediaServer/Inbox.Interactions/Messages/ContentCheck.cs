namespace Inbox.Interactions.Messages;

/// <summary>Decides whether a file's whole content is the format of one <see cref="AttachmentFormat"/>.</summary>
internal delegate ContentVerdict ContentCheck(ReadOnlySpan<byte> content);

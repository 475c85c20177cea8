namespace Inbox.Interactions.Messages;

/// <summary>An attachment saved under the data folder; the message keeps its description, not its bytes.</summary>
/// <param name="Path">Relative to the data folder.</param>
internal sealed record StoredAttachment(string FileName, string MediaType, AttachmentKind Kind, long Size, string Path, bool IsVoiceNote);

namespace Inbox.Interactions.Messages;

/// <summary>The broad kind of an attachment; each kind has its own size limit.</summary>
internal enum AttachmentKind
{
    Image,
    Video,
    Document,
    Audio,
}

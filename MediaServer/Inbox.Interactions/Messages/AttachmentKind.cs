namespace Inbox.Interactions.Messages;

/// <summary>The families of attachment the channels distinguish.</summary>
public enum AttachmentKind
{
    Image,
    Video,
    Document,
    Audio,
}

using Inbox.Interactions.Directory;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Channels;

/// <summary>A message for a channel to deliver: the text as rendered (templates filled in), files by full path.</summary>
internal sealed record OutboundMessage(Interaction Interaction, Message Message, string Text, IReadOnlyList<OutboundAttachment> Attachments)
{
    /// <summary>The approved template the text was rendered from, when there is one.</summary>
    public MessageTemplate? Template { get; init; }

    /// <summary>Provider ids of the interaction's earlier messages, oldest first (e-mail threads its reply to them).</summary>
    public IReadOnlyList<string> Thread { get; init; } = [];
}

/// <summary>An attachment and where its bytes are on disk.</summary>
internal sealed record OutboundAttachment(StoredAttachment Attachment, string FullPath);

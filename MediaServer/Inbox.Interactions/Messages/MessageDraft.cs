using System.Collections.Immutable;
using Inbox.Interactions.Channels;

namespace Inbox.Interactions.Messages;

/// <summary>What an agent writes: text, files, a template with its parameters, e-mail fields.</summary>
internal sealed record MessageDraft(
    string Text,
    ImmutableArray<AttachmentUpload> Attachments,
    string? TemplateId = null,
    ImmutableArray<string> TemplateParameters = default,
    EmailFields? Email = null)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && Attachments.IsDefaultOrEmpty && TemplateId is null && string.IsNullOrWhiteSpace(Email?.HtmlBody);
}

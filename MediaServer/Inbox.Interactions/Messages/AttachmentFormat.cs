namespace Inbox.Interactions.Messages;

/// <summary>One allowed file type: its extension (lower case, no dot) and how to recognise its content.</summary>
/// <param name="Description">The format as it ends "the content is not …", such as "a PDF document".</param>
internal sealed record AttachmentFormat(
    string Extension, AttachmentKind Kind, string MediaType, string Description, ContentCheck Check);

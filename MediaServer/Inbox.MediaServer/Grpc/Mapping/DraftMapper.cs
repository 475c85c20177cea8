using System.Collections.Immutable;
using Google.Protobuf.Collections;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Messages;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Mapping;

/// <summary>What an agent sends, from the request to the engine's draft. The uploaded bytes are not copied.</summary>
internal static class DraftMapper
{
    public static MessageDraft ToDraft(this V1.OutgoingMessage message, string field)
    {
        var attachments = message.Attachments.ToUploads($"{field}.attachments");
        return message.BodyCase switch
        {
            V1.OutgoingMessage.BodyOneofCase.Text => new MessageDraft(message.Text, attachments),
            V1.OutgoingMessage.BodyOneofCase.Template => new MessageDraft(
                string.Empty,
                attachments,
                RequestGuard.Required(message.Template.TemplateId, $"{field}.template.template_id"),
                [.. message.Template.Parameters]),
            V1.OutgoingMessage.BodyOneofCase.Email => new MessageDraft(message.Email.Text, attachments, Email: message.Email.ToDomain()),
            _ when attachments.IsEmpty => throw RequestGuard.Invalid($"{field} needs a body (text, template or email) or attachments."),
            _ => new MessageDraft(string.Empty, attachments),
        };
    }

    public static ImmutableArray<AttachmentUpload> ToUploads(this RepeatedField<V1.AttachmentUpload> uploads, string field)
    {
        if (uploads.Count == 0)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<AttachmentUpload>(uploads.Count);
        for (var i = 0; i < uploads.Count; i++)
        {
            var upload = uploads[i];
            RequestGuard.Required(upload.FileName, $"{field}[{i}].file_name");

            // ByteString.Memory is a view of the received buffer: 100 MB documents are not copied again.
            builder.Add(new AttachmentUpload(upload.FileName, upload.Content.Memory, upload.IsVoiceNote));
        }

        return builder.MoveToImmutable();
    }

    private static EmailFields ToDomain(this V1.EmailBody email) => new(
        string.IsNullOrEmpty(email.Subject) ? null : email.Subject,
        string.IsNullOrEmpty(email.HtmlBody) ? null : email.HtmlBody,
        [.. email.To],
        [.. email.Cc],
        [.. email.Bcc]);
}

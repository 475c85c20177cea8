using System.Collections.Immutable;
using Google.Protobuf.Collections;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Messages;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Mapping;

/// <summary>Messages, chat messages and their attachments as the API shows them.</summary>
internal static class MessageMapper
{
    public static V1.Message ToProto(this Message message)
    {
        var proto = new V1.Message
        {
            Id = message.Id,
            InteractionId = message.InteractionId,
            Direction = message.Direction.ToProto(),
            AgentId = message.AgentId ?? string.Empty,
            Text = message.Text,
            TemplateId = message.TemplateId ?? string.Empty,
            Email = message.Email?.ToProto(),
            Status = message.Status.ToProto(),
            FailureCode = message.FailureCode ?? string.Empty,
            FailureReason = message.FailureReason ?? string.Empty,
            ProviderMessageId = message.ProviderMessageId ?? string.Empty,
            CreatedAt = message.CreatedAt.ToProto(),
            UpdatedAt = message.UpdatedAt.ToProto(),
            SendAttempts = message.Attempts,
            NextAttemptAt = message.Attempts > 0 ? message.NextAttemptAt?.ToProto() : null,
        };
        AddAll(proto.Attachments, message.Attachments);

        AddAll(proto.TemplateParameters, message.TemplateParameters);
        return proto;
    }

    public static V1.ChatMessage ToProto(this ChatMessage message)
    {
        var proto = new V1.ChatMessage
        {
            Id = message.Id,
            ChatId = message.ChatId,
            AgentId = message.AgentId,
            Text = message.Text,
            CreatedAt = message.CreatedAt.ToProto(),
        };
        AddAll(proto.Attachments, message.Attachments);

        return proto;
    }

    public static V1.Chat ToProto(this Chat chat)
    {
        var proto = new V1.Chat
        {
            Id = chat.Id,
            Kind = chat.Kind.ToProto(),
            CampaignId = chat.CampaignId ?? string.Empty,
            CreatedAt = chat.CreatedAt.ToProto(),
        };
        AddAll(proto.Participants, chat.Participants);
        return proto;
    }

    private static V1.Attachment ToProto(this StoredAttachment attachment) => new()
    {
        FileName = attachment.FileName,
        MediaType = attachment.MediaType,
        Kind = attachment.Kind.ToProto(),
        Size = attachment.Size,
        IsVoiceNote = attachment.IsVoiceNote,
        DownloadPath = attachment.Path.Replace('\\', '/'),
    };

    private static V1.EmailFields ToProto(this EmailFields email)
    {
        var proto = new V1.EmailFields { Subject = email.Subject ?? string.Empty, HtmlBody = email.HtmlBody ?? string.Empty };
        AddAll(proto.To, email.To);
        AddAll(proto.Cc, email.Cc);
        AddAll(proto.Bcc, email.Bcc);
        return proto;
    }

    private static void AddAll(RepeatedField<string> target, ImmutableArray<string> values)
    {
        if (!values.IsDefault)
        {
            target.Add(values);
        }
    }

    private static void AddAll(RepeatedField<V1.Attachment> target, ImmutableArray<StoredAttachment> attachments)
    {
        if (attachments.IsDefault)
        {
            return;
        }

        foreach (var attachment in attachments)
        {
            target.Add(attachment.ToProto());
        }
    }
}

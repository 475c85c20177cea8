using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Inbox.Contracts.Channels;
using Inbox.Plugins.Meta.Graph;

namespace Inbox.Plugins.WhatsApp;

/// <summary>
/// Delivers one inbox message as Cloud API messages: a template, a text, or one message per file (uploaded to
/// <c>/media</c> first, as Meta recommends over links, which would need the files on a public URL) with the text as
/// the first file's caption. Thread-safe.
/// </summary>
internal sealed class WhatsAppSender(GraphClient graph, string phoneNumberId)
{
    // Cloud API's limit on a media caption; a longer text goes as a message of its own.
    private const int MaxCaptionLength = 1_024;

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Template is { } template)
        {
            return await PostAsync(WhatsAppMessages.Template(message.CustomerAddress, template), cancellationToken);
        }

        if (message.Attachments.Count == 0)
        {
            return await PostAsync(WhatsAppMessages.Text(message.CustomerAddress, message.Text), cancellationToken);
        }

        // Refused before anything is uploaded, so the customer never gets half a message for this reason.
        foreach (var file in message.Attachments)
        {
            var kind = WhatsAppMediaKind.For(file.MediaType);
            if (file.Length > kind.MaxBytes)
            {
                return SendResult.Failed("too_large", $"{file.FileName} is {file.Length / 1024 / 1024} MB; WhatsApp takes {kind.Type} files up to {kind.MaxBytes / 1024 / 1024} MB.");
            }
        }

        return await SendFilesAsync(message, cancellationToken);
    }

    private async Task<SendResult> SendFilesAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var caption = message.Text.Length > 0 ? message.Text : null;
        string? firstId = null;
        if (caption is not null && (caption.Length > MaxCaptionLength || !message.Attachments.Any(f => WhatsAppMediaKind.For(f.MediaType).TakesCaption)))
        {
            var text = await PostAsync(WhatsAppMessages.Text(message.CustomerAddress, caption), cancellationToken);
            if (!text.Accepted)
            {
                return text;
            }

            (firstId, caption) = (text.ProviderMessageId, null);
        }

        foreach (var file in message.Attachments)
        {
            var kind = WhatsAppMediaKind.For(file.MediaType);
            var uploaded = await UploadAsync(file, cancellationToken);
            var sent = uploaded.Failure ?? await PostAsync(
                WhatsAppMessages.Media(message.CustomerAddress, kind, (string)uploaded.Body!["id"]!, file, kind.TakesCaption ? caption : null), cancellationToken);
            if (!sent.Accepted)
            {
                return firstId is null ? sent : PartlySent(sent, file);
            }

            firstId ??= sent.ProviderMessageId;
            caption = kind.TakesCaption ? null : caption;
        }

        return SendResult.Sent(firstId!);
    }

    // Part of the message reached the customer: sending it all again would repeat that part, so this is final.
    private static SendResult PartlySent(SendResult failure, OutboundAttachment file) =>
        SendResult.Failed(failure.FailureCode!, $"Sent in part: {file.FileName} and what follows it failed ({failure.FailureReason}).", retryable: false);

    private async Task<SendResult> PostAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var result = await graph.PostJsonAsync($"{phoneNumberId}/messages", body, cancellationToken);
        if (result.Failure is { } failure)
        {
            return failure;
        }

        // {"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id":"wamid…"}]}
        return result.Body?["messages"]?[0]?["id"]?.GetValue<string>() is { } id
            ? SendResult.Sent(id)
            : SendResult.Failed("unexpected_answer", "The Cloud API accepted the message but gave no message id.");
    }

    // POST /{phone-number-id}/media as multipart form data: messaging_product, type and the file; answers {"id"}.
    private async Task<GraphResult> UploadAsync(OutboundAttachment file, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("whatsapp"), "messaging_product");
        form.Add(new StringContent(file.MediaType), "type");
        var content = new StreamContent(File.OpenRead(file.Path));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(file.MediaType);
        form.Add(content, "file", file.FileName);
        var result = await graph.PostFormAsync($"{phoneNumberId}/media", form, cancellationToken);
        return result.Succeeded && result.Body?["id"] is null
            ? GraphResult.Failed(SendResult.Failed("unexpected_answer", $"The Cloud API took {file.FileName} but gave no media id."))
            : result;
    }
}

using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Inbox.Contracts.Channels;
using Inbox.Plugins.Meta.Graph;

namespace Inbox.Plugins.Meta.Messaging;

/// <summary>
/// Delivers one inbox message through the Send API, <c>POST /me/messages</c>: the text as one message, then each
/// file as its own, uploaded with the send as multipart form data (<c>recipient</c>, <c>message</c>,
/// <c>filedata</c>), since the server has no public URL to give Meta. Replies inside the window go as
/// <c>messaging_type: RESPONSE</c>. Where the platform's reads name no message, each message sent is remembered in
/// <paramref name="sent"/> until it is read. The agent's typing goes to the same endpoint as a sender action.
/// Thread-safe.
/// </summary>
internal sealed class MessengerSender(GraphClient graph, MessengerPlatform platform, SentMessageStore? sent)
{
    private const string Path = "me/messages";

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var file in message.Attachments)
        {
            if (platform.Refusal(file) is { } refusal)
            {
                return SendResult.Failed("unsupported_file", refusal);
            }
        }

        var recipient = new JsonObject { ["id"] = message.CustomerAddress };
        string? firstId = null;
        if (message.Text.Length > 0)
        {
            var text = await PostAsync(
                graph.PostJsonAsync(Path, Envelope(recipient, new JsonObject { ["text"] = message.Text }), cancellationToken));
            if (!text.Accepted)
            {
                return text;
            }

            firstId = text.ProviderMessageId;
        }

        foreach (var file in message.Attachments)
        {
            var sent = await SendFileAsync(recipient, file, cancellationToken);
            if (!sent.Accepted)
            {
                // Part of it reached the customer: sending it all again would repeat that part, so this is final.
                return firstId is null
                    ? sent
                    : SendResult.Failed(sent.FailureCode!, $"Sent in part: {file.FileName} and what follows it failed ({sent.FailureReason}).");
            }

            firstId ??= sent.ProviderMessageId;
        }

        if (firstId is null)
        {
            return SendResult.Failed("empty", "The message has neither text nor files.");
        }

        // Remembered once its last part is accepted: the time read then is no earlier than any part's own.
        if (sent is not null)
        {
            await sent.RecordAsync(message.CustomerAddress, firstId);
        }

        return SendResult.Sent(firstId);
    }

    /// <summary>
    /// Shows the customer the Page typing: the Send API's <c>sender_action: typing_on</c>, on its own (Meta refuses
    /// an action with a message), which she sees for about 20 seconds or until the next message. Throws when Meta
    /// refuses it, for the host to log: there is nothing to retry.
    /// </summary>
    public async Task SendTypingAsync(string customerAddress, CancellationToken cancellationToken)
    {
        var action = new JsonObject
        {
            ["recipient"] = new JsonObject { ["id"] = customerAddress },
            ["sender_action"] = "typing_on",
        };
        if ((await graph.PostJsonAsync(Path, action, cancellationToken)).Failure is { } failure)
        {
            throw new HttpRequestException($"The {platform.Name} Send API refused typing_on: {failure.FailureCode} {failure.FailureReason}");
        }
    }

    private async Task<SendResult> SendFileAsync(JsonObject recipient, OutboundAttachment file, CancellationToken cancellationToken)
    {
        var attachment = new JsonObject
        {
            ["attachment"] = new JsonObject
            {
                ["type"] = MessengerPlatform.AttachmentType(file.MediaType),
                ["payload"] = new JsonObject { ["is_reusable"] = false },
            },
        };
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(recipient.ToJsonString()), "recipient");
        form.Add(new StringContent("RESPONSE"), "messaging_type");
        form.Add(new StringContent(attachment.ToJsonString()), "message");
        var content = new StreamContent(File.OpenRead(file.Path));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(file.MediaType);
        form.Add(content, "filedata", file.FileName);
        return await PostAsync(graph.PostFormAsync(Path, form, cancellationToken));
    }

    private static JsonObject Envelope(JsonObject recipient, JsonObject message) => new()
    {
        ["recipient"] = recipient.DeepClone(),
        ["messaging_type"] = "RESPONSE",
        ["message"] = message,
    };

    // {"recipient_id":"…","message_id":"m_…"}
    private async Task<SendResult> PostAsync(Task<GraphResult> call)
    {
        var result = await call;
        if (result.Failure is { } failure)
        {
            return failure;
        }

        return result.Body?["message_id"]?.GetValue<string>() is { } id
            ? SendResult.Sent(id)
            : SendResult.Failed("unexpected_answer", $"The {platform.Name} Send API accepted the message but gave no message id.");
    }
}

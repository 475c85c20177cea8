using System.Text.Json;
using Inbox.Contracts.Channels;
using Inbox.Plugins.Meta.Graph;
using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.Meta.Messaging;

/// <summary>
/// A signed Messenger Platform batch: <c>entry[]</c> per Page or Instagram account, each with <c>messaging[]</c>
/// events from <c>sender</c> to <c>recipient</c>: a <c>message</c> (its <c>is_echo</c> copies of the business's
/// own sends are ignored), a <c>delivery</c> (<c>mids</c>, <c>watermark</c>) or a <c>read</c> (<c>mid</c> on
/// Instagram, <c>watermark</c> on Messenger, which <paramref name="receipts"/> resolves). Stored before the 200.
/// </summary>
internal sealed class MessengerWebhook(
    string channelId,
    MetaSettings settings,
    MessengerPlatform platform,
    GraphClient graph,
    IChannelSink sink,
    TimeProvider time,
    WatermarkReceipts? receipts,
    ILogger logger)
{
    private static readonly string[] s_fileTypes = ["image", "video", "audio", "file"];
    private static readonly WebhookResponse s_tryAgain = WebhookResponse.Text(503, "an attachment could not be fetched; deliver again later");

    public async Task<WebhookResponse> HandleAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (payload.Text("object") != platform.WebhookObject)
        {
            return WebhookResponse.Ok();
        }

        foreach (var entry in payload.Items("entry"))
        {
            if (entry.Text("id") is not { } account || account != settings.Account)
            {
                MetaLog.OtherAccount(logger, channelId, entry.Text("id") ?? "(none)", settings.Account);
                continue;
            }

            foreach (var messaging in entry.Items("messaging"))
            {
                if (!await HandleEventAsync(messaging, cancellationToken))
                {
                    return s_tryAgain;
                }
            }
        }

        return WebhookResponse.Ok();
    }

    // False when an attachment could not be fetched now: Meta should deliver the batch again.
    private async Task<bool> HandleEventAsync(JsonElement messaging, CancellationToken cancellationToken)
    {
        var at = messaging.Time("timestamp", milliseconds: true) ?? time.GetUtcNow();
        var (message, delivery, read) = (messaging.Field("message"), messaging.Field("delivery"), messaging.Field("read"));
        var delivered = delivery.Items("mids").Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!).ToList();
        if (settings.IsStale(at, time.GetUtcNow()))
        {
            MetaLog.EventStale(logger, channelId, message.Text("mid") ?? read.Text("mid") ?? delivered.FirstOrDefault() ?? "(no id)", at);
            return true;
        }

        if (message.IsObject())
        {
            return await ReceiveAsync(messaging.Field("sender").Text("id"), message, cancellationToken);
        }

        foreach (var id in delivered)
        {
            await sink.ReportStatusAsync(new StatusReport(id, DeliveryStatus.Delivered, at), cancellationToken);
        }

        await ReportWatermarksAsync(messaging, delivered, at, cancellationToken);

        if (platform.ReadsCarryMessageId && read.Text("mid") is { } readId)
        {
            await sink.ReportStatusAsync(new StatusReport(readId, DeliveryStatus.Read, at), cancellationToken);
        }

        return true;
    }

    // Messenger's watermarks: everything sent to the customer up to a time was delivered, or read.
    private async Task ReportWatermarksAsync(JsonElement messaging, List<string> named, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (receipts is null || messaging.Field("sender").Text("id") is not { } customer)
        {
            return;
        }

        if (messaging.Field("delivery").Time("watermark", milliseconds: true) is { } delivered)
        {
            await receipts.DeliveredAsync(customer, delivered, named, at, cancellationToken);
        }

        if (messaging.Field("read").Time("watermark", milliseconds: true) is { } read)
        {
            await receipts.ReadAsync(customer, read, at, cancellationToken);
        }
    }

    private async Task<bool> ReceiveAsync(string? sender, JsonElement message, CancellationToken cancellationToken)
    {
        // Echoes are copies of what the business sent (from this inbox or the Page's own inbox): not the customer's words.
        if (message.Flag("is_echo") || message.Flag("is_deleted") || sender is null || sender == settings.Account || message.Text("mid") is not { } mid)
        {
            return true;
        }

        var text = message.Text("text") ?? string.Empty;
        var files = new List<InboundAttachment>();
        foreach (var (attachment, index) in message.Items("attachments").Select((a, i) => (a, i)))
        {
            var (type, url) = (attachment.Text("type") ?? "unknown", attachment.Field("payload").Text("url"));
            if (Array.IndexOf(s_fileTypes, type) < 0 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                // A shared post, reel, story mention or location: a link for the agent, not a file.
                text = string.Join('\n', new[] { text, $"[shared {type}{(url is null ? string.Empty : ": " + url)}]" }.Where(t => t.Length > 0));
                continue;
            }

            if (await DownloadAsync(uri, type, $"{type}-{index + 1}", mid, cancellationToken) is not { } file)
            {
                return false;
            }

            files.Add(file);
        }

        var replyTo = message.Field("reply_to").Text("mid");
        await sink.ReceiveAsync(new InboundMessage(sender, mid, text)
        {
            CampaignId = settings.Campaign,
            Attachments = files,
            InReplyTo = replyTo is null ? [] : [replyTo],
        }, cancellationToken);
        return true;
    }

    // The payload's URL is Meta's CDN, signed already: fetched without the access token.
    private async Task<InboundAttachment?> DownloadAsync(Uri url, string type, string stem, string mid, CancellationToken cancellationToken)
    {
        try
        {
            var (content, mediaType) = await graph.DownloadAsync(url, withToken: false, cancellationToken);
            var given = Path.GetFileName(url.AbsolutePath);
            // Messenger's audio attachments are the voice clips recorded in the conversation.
            return new InboundAttachment(MediaFileName.For(Path.HasExtension(given) ? given : null, mediaType, stem), mediaType, content, IsVoiceNote: type == "audio");
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            MetaLog.MediaUnavailable(logger, channelId, mid, e);
            return null;
        }
    }
}

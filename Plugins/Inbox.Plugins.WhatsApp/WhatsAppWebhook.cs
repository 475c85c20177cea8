using System.Text.Json;
using Inbox.Contracts.Channels;
using Inbox.Plugins.Meta;
using Inbox.Plugins.Meta.Graph;
using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.WhatsApp;

/// <summary>
/// A signed <c>whatsapp_business_account</c> webhook: <c>entry[].changes[]</c> with field <c>messages</c>, whose
/// value holds the customers' <c>messages</c> (with <c>contacts</c> naming them) and the <c>statuses</c> of what
/// the business sent. Everything is stored before the 200, so a batch Meta has to deliver again is stored once.
/// </summary>
internal sealed class WhatsAppWebhook(
    string channelId, MetaSettings settings, GraphClient graph, IChannelSink sink, TimeProvider time, ILogger logger)
{
    private static readonly WebhookResponse s_tryAgain = WebhookResponse.Text(503, "media could not be fetched; deliver again later");

    public async Task<WebhookResponse> HandleAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        foreach (var change in payload.Items("entry").SelectMany(entry => entry.Items("changes")))
        {
            var value = change.Field("value");
            if (change.Text("field") != "messages" || !value.IsObject())
            {
                continue;
            }

            var phoneNumberId = value.Field("metadata").Text("phone_number_id");
            if (phoneNumberId != settings.Account)
            {
                MetaLog.OtherAccount(logger, channelId, phoneNumberId ?? "(none)", settings.Account);
                continue;
            }

            foreach (var message in value.Items("messages"))
            {
                if (!await ReceiveAsync(message, value, cancellationToken))
                {
                    return s_tryAgain;
                }
            }

            foreach (var status in value.Items("statuses"))
            {
                await ReportAsync(status, cancellationToken);
            }
        }

        return WebhookResponse.Ok();
    }

    // False when its media could not be fetched now: Meta should deliver the batch again.
    private async Task<bool> ReceiveAsync(JsonElement message, JsonElement value, CancellationToken cancellationToken)
    {
        var (id, from) = (message.Text("id"), message.Text("from"));
        if (id is null || from is null || IsStale(message, id))
        {
            return true;
        }

        var inbound = WhatsAppInbound.Read(message, id, from, value, settings.Campaign);
        if (WhatsAppInbound.MediaOf(message) is { } media)
        {
            var attachment = await DownloadAsync(media, id, cancellationToken);
            if (attachment is null)
            {
                return false;
            }

            inbound = inbound with { Attachments = [attachment] };
        }

        await sink.ReceiveAsync(inbound, cancellationToken);
        return true;
    }

    // GET /{media-id} gives a short-lived URL, which is fetched with the same token.
    private async Task<InboundAttachment?> DownloadAsync(WhatsAppInbound.Media media, string messageId, CancellationToken cancellationToken)
    {
        var found = await graph.GetAsync(media.Id, cancellationToken);
        try
        {
            if (found.Body?["url"]?.GetValue<string>() is not { } url)
            {
                throw new HttpRequestException($"the media lookup failed: {found.Failure?.FailureReason ?? "no url"}");
            }

            var (content, servedType) = await graph.DownloadAsync(new Uri(url), withToken: true, cancellationToken);
            var mediaType = media.MediaType ?? servedType;
            return new InboundAttachment(MediaFileName.For(media.FileName, mediaType, $"{media.Type}-{media.Id}"), mediaType, content, media.IsVoice);
        }
        catch (Exception e) when (e is HttpRequestException or UriFormatException or InvalidOperationException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            MetaLog.MediaUnavailable(logger, channelId, messageId, e);
            return null;
        }
    }

    private async Task ReportAsync(JsonElement status, CancellationToken cancellationToken)
    {
        DeliveryStatus? delivery = status.Text("status") switch
        {
            "sent" => DeliveryStatus.Sent,
            "delivered" => DeliveryStatus.Delivered,
            "read" => DeliveryStatus.Read,
            "failed" => DeliveryStatus.Failed,
            _ => null, // "played" (a voice message was heard), "deleted": nothing the inbox tracks
        };
        if (status.Text("id") is not { } id || delivery is null || IsStale(status, id))
        {
            return;
        }

        // {"code":131026,"title":"Message undeliverable","error_data":{"details":"…"}}
        var error = status.Items("errors").FirstOrDefault();
        await sink.ReportStatusAsync(new StatusReport(id, delivery.Value, status.Time("timestamp") ?? time.GetUtcNow())
        {
            FailureCode = error.Text("code"),
            FailureReason = error.IsObject() ? WhatsAppInbound.Describe(error) : null,
        }, cancellationToken);
    }

    private bool IsStale(JsonElement item, string id)
    {
        if (item.Time("timestamp") is not { } at || !settings.IsStale(at, time.GetUtcNow()))
        {
            return false;
        }

        MetaLog.EventStale(logger, channelId, id, at);
        return true;
    }
}

using System.Text;
using Inbox.Contracts.Channels;
using Inbox.Plugins.Twilio.Mms;
using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.Twilio;

/// <summary>
/// What Twilio posts to the server: incoming messages (<c>inbound</c>) and status callbacks (<c>status</c>), both
/// form-encoded and signed with X-Twilio-Signature. A request whose signature does not verify gets 403 and nothing
/// is stored; a valid one is answered only after the inbox has stored it, with its MMS files.
/// </summary>
internal sealed class TwilioWebhooks(string channelId, TwilioOptions options, MmsMediaReader media, IChannelSink sink, TimeProvider time, ILogger logger)
{
    public const string InboundPath = "inbound";
    public const string StatusPath = "status";

    // An empty TwiML document: the message is taken, and Twilio sends no automatic reply.
    private static readonly byte[] s_emptyTwiml = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");

    private readonly TwilioSignature _signature = new(options.AuthToken);

    /// <summary>Where Twilio should post status callbacks; null when the server's public URL is not configured.</summary>
    public string? StatusCallbackUrl => options.PublicUrl is { } publicUrl ? $"{publicUrl}/channels/{channelId}/{StatusPath}" : null;

    public async Task<WebhookResponse> ReceiveAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        if (Verified(request) is not { } form)
        {
            return Forbidden();
        }

        if ((form["MessageSid"] ?? form["SmsMessageSid"]) is not { Length: > 0 } sid || form["From"] is not { Length: > 0 } from)
        {
            return WebhookResponse.Text(400, "MessageSid and From are required");
        }

        var mms = await media.ReadAsync(form, sid, cancellationToken).ConfigureAwait(false);
        var text = string.Join('\n', mms.Notes.Prepend(form["Body"] ?? string.Empty).Where(line => line.Length > 0));

        // Stored before the 200: Twilio may post again if it gets no answer, and the MessageSid makes that harmless.
        var message = new InboundMessage(from, sid, text) { CampaignId = options.Campaign, Attachments = mms.Files };
        await sink.ReceiveAsync(message, cancellationToken).ConfigureAwait(false);
        return new WebhookResponse(200, "text/xml; charset=utf-8", s_emptyTwiml);
    }

    public async Task<WebhookResponse> StatusAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        if (Verified(request) is not { } form)
        {
            return Forbidden();
        }

        if (form["MessageSid"] is not { Length: > 0 } sid || form["MessageStatus"] is not { Length: > 0 } twilioStatus)
        {
            return WebhookResponse.Text(400, "MessageSid and MessageStatus are required");
        }

        // Twilio's intermediate states (accepted, scheduled, queued, sending) say nothing the inbox shows.
        DeliveryStatus? status = twilioStatus switch
        {
            "sent" => DeliveryStatus.Sent,
            "delivered" => DeliveryStatus.Delivered,
            "read" => DeliveryStatus.Read,
            "undelivered" or "failed" or "canceled" => DeliveryStatus.Failed,
            _ => null,
        };
        if (status is { } known)
        {
            var code = form["ErrorCode"] is { Length: > 0 } errorCode ? errorCode : null;
            var report = new StatusReport(sid, known, time.GetUtcNow())
            {
                FailureCode = known == DeliveryStatus.Failed ? code ?? twilioStatus : null,
                FailureReason = known == DeliveryStatus.Failed ? form["ErrorMessage"] ?? Describe(twilioStatus, code) : null,
            };
            await sink.ReportStatusAsync(report, cancellationToken).ConfigureAwait(false);
        }

        return WebhookResponse.Ok();
    }

    private static string Describe(string status, string? code) =>
        code is null ? $"Twilio reports the message {status}" : $"Twilio reports the message {status} (error {code})";

    private static WebhookResponse Forbidden() => WebhookResponse.Text(403, "a valid X-Twilio-Signature is required");

    // The parameters, when the signature over them and the URL Twilio called is valid.
    private FormBody? Verified(WebhookRequest request)
    {
        var form = FormBody.Parse(request.Body.Span);
        var url = SignedUrl(request);
        var signature = request.Headers.TryGetValue(TwilioSignature.Header, out var header) ? header : null;
        if (_signature.IsValid(signature, url, form.Fields))
        {
            return form;
        }

        TwilioLog.SignatureRefused(logger, channelId, request.Path, url);
        return null;
    }

    // Behind a proxy the server sees another URL than Twilio called: the configured public one stands in for it.
    private string SignedUrl(WebhookRequest request)
    {
        if (options.PublicUrl is not { } publicUrl)
        {
            return request.Url;
        }

        var query = request.Url.IndexOf('?', StringComparison.Ordinal) is var at and >= 0 ? request.Url[at..] : string.Empty;
        return $"{publicUrl}/channels/{channelId}/{request.Path}{query}";
    }
}

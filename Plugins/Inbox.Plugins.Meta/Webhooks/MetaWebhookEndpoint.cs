using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Inbox.Contracts.Channels;
using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.Meta.Webhooks;

/// <summary>
/// The one webhook URL a Meta app calls: GET is the subscription handshake (echo <c>hub.challenge</c> when
/// <c>hub.verify_token</c> matches), POST an event batch signed with the app secret. Only a correctly signed body
/// reaches <c>onPayload</c>; anything else is refused before a byte of it is read as JSON. Thread-safe.
/// </summary>
internal sealed class MetaWebhookEndpoint(
    string channelId, MetaSettings settings, Func<JsonElement, CancellationToken, Task<WebhookResponse>> onPayload, ILogger logger)
{
    private readonly byte[] _verifyToken = Encoding.UTF8.GetBytes(settings.VerifyToken);

    public async Task<WebhookResponse> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method.Equals("GET", StringComparison.OrdinalIgnoreCase))
        {
            return Verify(request);
        }

        if (!request.Method.Equals("POST", StringComparison.OrdinalIgnoreCase))
        {
            return WebhookResponse.Text(405, "GET (verification) or POST (events) only");
        }

        if (!request.Headers.TryGetValue(HubSignature.Header, out var signature))
        {
            MetaLog.WebhookUnsigned(logger, channelId);
            return WebhookResponse.Text(401, $"the {HubSignature.Header} header is required");
        }

        if (!HubSignature.IsValid(request.Body.Span, signature, settings.AppSecret))
        {
            MetaLog.WebhookForged(logger, channelId);
            return WebhookResponse.Text(403, $"the {HubSignature.Header} signature does not match the body");
        }

        JsonDocument payload;
        try
        {
            payload = JsonDocument.Parse(request.Body);
        }
        catch (JsonException)
        {
            return WebhookResponse.Text(400, "the body is not JSON");
        }

        using (payload)
        {
            return await onPayload(payload.RootElement, cancellationToken);
        }
    }

    // The token is compared in constant time, like a signature: it is what keeps others from subscribing.
    private WebhookResponse Verify(WebhookRequest request)
    {
        var query = request.Query;
        var subscribing = query.TryGetValue("hub.mode", out var mode) && mode == "subscribe";
        var tokenMatches = query.TryGetValue("hub.verify_token", out var token)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _verifyToken);
        if (subscribing && tokenMatches && query.TryGetValue("hub.challenge", out var challenge))
        {
            return WebhookResponse.Text(200, challenge);
        }

        MetaLog.VerificationRefused(logger, channelId);
        return WebhookResponse.Text(403, "hub.mode=subscribe and the configured hub.verify_token are required");
    }
}

using System.Text;

namespace Inbox.Contracts.Channels;

/// <summary>An HTTP request routed to a plugin: everything a provider's signature is computed over, unaltered.</summary>
/// <param name="Url">The absolute URL as the client asked for it (scheme, host, path and query), e.g. for Twilio's signature.</param>
/// <param name="Path">The path below the plugin's prefix, e.g. <c>webhook</c> for <c>/channels/whatsapp/webhook</c>.</param>
/// <param name="Headers">Header names compare case-insensitively; repeated headers are joined with a comma.</param>
/// <param name="Body">The raw body, byte for byte, for signatures such as X-Hub-Signature-256.</param>
public sealed record WebhookRequest(
    string Method,
    string Url,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body);

/// <summary>What the plugin answers to a webhook.</summary>
public sealed record WebhookResponse(int StatusCode, string? ContentType, ReadOnlyMemory<byte> Body)
{
    /// <summary>200 with no body.</summary>
    public static WebhookResponse Ok() => new(200, null, ReadOnlyMemory<byte>.Empty);

    /// <summary>A plain-text answer, e.g. a verification challenge echoed back or a refusal's reason.</summary>
    public static WebhookResponse Text(int statusCode, string text) => new(statusCode, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text));

    /// <summary>A JSON answer already serialised.</summary>
    public static WebhookResponse Json(int statusCode, string json) => new(statusCode, "application/json", Encoding.UTF8.GetBytes(json));
}

using System.Collections.Concurrent;
using System.Net.WebSockets;
using Inbox.Contracts.Channels;

namespace Inbox.MediaServer.Plugins;

/// <summary>
/// The HTTP routes plugins map at run time under <c>/channels/&lt;id&gt;/</c> on the web port: one endpoint in the
/// app's routing table dispatches to whatever plugin claimed the path. Thread-safe.
/// </summary>
internal sealed class WebhookRouter(IHostApplicationLifetime lifetime)
{
    /// <summary>The route template of the dispatching endpoint.</summary>
    public const string Pattern = "/channels/{channel}/{**path}";

    /// <summary>Webhook bodies larger than this are refused with 413: providers send small JSON or form posts.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<(string Channel, string Path), Func<WebhookRequest, CancellationToken, Task<WebhookResponse>>> _webhooks = new();
    private readonly ConcurrentDictionary<(string Channel, string Path), Func<WebSocket, WebhookRequest, CancellationToken, Task>> _sockets = new();

    public void MapWebhook(string channel, string path, Func<WebhookRequest, CancellationToken, Task<WebhookResponse>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!_webhooks.TryAdd((channel, Normalize(path)), handler))
        {
            throw new InvalidOperationException($"Channel '{channel}' mapped the webhook '{path}' twice.");
        }
    }

    public void MapWebSocket(string channel, string path, Func<WebSocket, WebhookRequest, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!_sockets.TryAdd((channel, Normalize(path)), handler))
        {
            throw new InvalidOperationException($"Channel '{channel}' mapped the WebSocket '{path}' twice.");
        }
    }

    /// <summary>Serves one request to <see cref="Pattern"/>: 404 for a path no plugin mapped.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var channel = (string)context.Request.RouteValues["channel"]!;
        var path = Normalize(context.Request.RouteValues["path"] as string ?? string.Empty);
        if (context.WebSockets.IsWebSocketRequest && _sockets.TryGetValue((channel, path), out var accept))
        {
            var upgrade = Describe(context, path, []);
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);

            // Kestrel waits for open requests when it stops, and a socket stays open until its handler returns: the
            // handler is told at once, or every open web chat would hold up shutdown for the whole timeout.
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            await accept(socket, upgrade, ending.Token).ConfigureAwait(false);
            return;
        }

        if (!_webhooks.TryGetValue((channel, path), out var handler))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var response = await handler(Describe(context, path, body), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = response.StatusCode;
        if (response.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType;
        }

        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static WebhookRequest Describe(HttpContext context, string path, byte[] body)
    {
        var request = context.Request;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
        {
            query[name] = values.ToString();
        }

        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        return new WebhookRequest(request.Method, url, path, query, headers, body);
    }

    // The raw bytes (signatures are computed over them); null when the body runs past the limit.
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Normalize(string path) => path.Trim('/');
}

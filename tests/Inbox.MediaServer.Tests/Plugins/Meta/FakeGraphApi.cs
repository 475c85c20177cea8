using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Inbox.MediaServer.Tests.Plugins.Meta;

/// <summary>
/// Meta's Graph API on loopback (Kestrel), as the WhatsApp Cloud API and the Messenger Platform document it: bearer
/// token checked on every call (190 OAuthException otherwise); <c>POST /{v}/{phone-number-id}/messages</c> and
/// <c>/media</c>; <c>GET /{v}/{media-id}</c> answering a URL whose file needs the token too;
/// <c>POST /{v}/me/messages</c> as JSON or multipart with <c>filedata</c>; a CDN for Messenger attachment URLs.
/// Requests missing a documented field are answered <c>(#100) Invalid parameter</c>, as Meta would.
/// </summary>
internal sealed class FakeGraphApi : IAsyncDisposable
{
    public const string Version = "v25.0";
    public const string AccessToken = "EAAG-test-page-token";
    public const string AppSecret = "6f1d2c-app-secret";
    public const string VerifyToken = "inbox-verify-token";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Content, string MediaType)> _files = new();
    private int _next;

    private FakeGraphApi(WebApplication app) => _app = app;

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234/</c>: the channels' <c>BaseUrl</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>Every authorised call, in order.</summary>
    public ConcurrentQueue<GraphCall> Calls { get; } = new();

    /// <summary>Answers for the next sends (<c>…/messages</c>), instead of accepting them.</summary>
    public ConcurrentQueue<(HttpStatusCode Status, string Body)> Refusals { get; } = new();

    /// <summary>How many of the next sends lose their connection before any answer, as a network failure would.</summary>
    public int DroppedSends;

    public IEnumerable<GraphCall> Sends => Calls.Where(c => c.Method == "POST" && c.Path.EndsWith("/messages", StringComparison.Ordinal));

    public static async Task<FakeGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var api = new FakeGraphApi(builder.Build());
        api._app.Map("/{**path}", api.ServeAsync);
        await api._app.StartAsync(TestContext.Current.CancellationToken);
        api.Url = api._app.Urls.Single().TrimEnd('/') + "/";
        return api;
    }

    /// <summary>A file a customer sent on WhatsApp, for <c>GET /{media-id}</c> to find.</summary>
    public void AddMedia(string mediaId, byte[] content, string mediaType) => _files[mediaId] = (content, mediaType);

    /// <summary>A file on the CDN that Messenger attachment URLs point to; returns its URL.</summary>
    public string AddCdnFile(string name, byte[] content, string mediaType)
    {
        _files["cdn/" + name] = (content, mediaType);
        return $"{Url}cdn/{name}?_nc_sig=abc";
    }

    /// <summary>Posts a webhook to the server as Meta does: <c>X-Hub-Signature-256: sha256=hex(HMAC-SHA256(app secret, body))</c>.</summary>
    /// <param name="signature">The header to send; default: the body's real signature. Empty: no header.</param>
    public static async Task<HttpStatusCode> PostWebhookAsync(Uri server, string channelId, string json, string? signature = null)
    {
        using var http = new HttpClient();
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, $"/channels/{channelId}/webhook")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        signature ??= Sign(body);
        if (signature.Length > 0)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public static string Sign(byte[] body, string secret = AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The subscription handshake Meta performs when the webhook URL is saved in the app dashboard.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> VerifyAsync(Uri server, string channelId, string verifyToken, string challenge)
    {
        using var http = new HttpClient();
        var query = $"hub.mode=subscribe&hub.verify_token={Uri.EscapeDataString(verifyToken)}&hub.challenge={challenge}";
        using var response = await http.GetAsync(new Uri(server, $"/channels/{channelId}/webhook?{query}"), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!.Trim('/');
        if (path.StartsWith("cdn/", StringComparison.Ordinal))
        {
            await ServeFileAsync(context, path);
            return;
        }

        if (context.Request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            await AnswerAsync(context, HttpStatusCode.Unauthorized, Error(190, "Invalid OAuth access token - Cannot parse access token"));
            return;
        }

        if (path.StartsWith("files/", StringComparison.Ordinal))
        {
            await ServeFileAsync(context, path["files/".Length..]);
            return;
        }

        var call = await GraphCall.ReadAsync(context.Request, path);
        if (path.EndsWith("/messages", StringComparison.Ordinal) && Interlocked.Decrement(ref DroppedSends) >= 0)
        {
            context.Abort();
            return;
        }

        Calls.Enqueue(call);
        var segments = path.Split('/');
        var (status, body) = segments switch
        {
            [Version, var id] when context.Request.Method == "GET" && _files.TryGetValue(id, out var file) => (HttpStatusCode.OK, new JsonObject
            {
                ["messaging_product"] = "whatsapp",
                ["url"] = $"{Url}files/{id}",
                ["mime_type"] = file.MediaType,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(file.Content)),
                ["file_size"] = file.Content.Length,
                ["id"] = id,
            }),
            [Version, var id] when context.Request.Method == "GET" => (HttpStatusCode.OK, new JsonObject { ["id"] = id }),
            [Version, _, "media"] => Upload(call),
            [Version, "me", "messages"] => Refused() ?? SendMessenger(call),
            [Version, _, "messages"] => Refused() ?? SendWhatsApp(call),
            _ => (HttpStatusCode.BadRequest, Error(2500, "Unknown path components: /" + path)),
        };
        await AnswerAsync(context, status, body);
    }

    private (HttpStatusCode, JsonObject)? Refused() =>
        Refusals.TryDequeue(out var refusal) ? (refusal.Status, JsonNode.Parse(refusal.Body)!.AsObject()) : null;

    private (HttpStatusCode, JsonObject) Upload(GraphCall call) =>
        call.Form.GetValueOrDefault("messaging_product") == "whatsapp" && call.Form.ContainsKey("type") && call.File is { FieldName: "file" }
            ? (HttpStatusCode.OK, new JsonObject { ["id"] = $"media-{Interlocked.Increment(ref _next)}" })
            : InvalidParameter();

    private (HttpStatusCode, JsonObject) SendWhatsApp(GraphCall call)
    {
        var message = call.Json;
        if (message is null || (string?)message["messaging_product"] != "whatsapp" || (string?)message["to"] is not { } to
            || (string?)message["type"] is not { } type || message[type] is null)
        {
            return InvalidParameter();
        }

        return (HttpStatusCode.OK, new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to.TrimStart('+') }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = $"wamid.HBgM{Interlocked.Increment(ref _next)}" }),
        });
    }

    // JSON ({"recipient":{"id"},"message":{…}}) or multipart (recipient, message and filedata), as the Send API takes them;
    // or a sender action ({"recipient":{"id"},"sender_action":"typing_on"}), never with a message.
    private (HttpStatusCode, JsonObject) SendMessenger(GraphCall call)
    {
        if (call.Json?["sender_action"] is { } action)
        {
            return (string?)call.Json["recipient"]?["id"] is { } to && (string?)action is "typing_on" or "typing_off" or "mark_seen" && call.Json["message"] is null
                ? (HttpStatusCode.OK, new JsonObject { ["recipient_id"] = to })
                : InvalidParameter();
        }

        var recipient = call.Json?["recipient"] ?? (call.Form.TryGetValue("recipient", out var form) ? JsonNode.Parse(form) : null);
        var message = call.Json?["message"] ?? (call.Form.TryGetValue("message", out var part) ? JsonNode.Parse(part) : null);
        var attached = message?["attachment"] is not null;
        if ((string?)recipient?["id"] is not { } id || message is null || attached != call.File is { FieldName: "filedata" })
        {
            return InvalidParameter();
        }

        return (HttpStatusCode.OK, new JsonObject { ["recipient_id"] = id, ["message_id"] = $"m_{Interlocked.Increment(ref _next)}" });
    }

    private async Task ServeFileAsync(HttpContext context, string key)
    {
        if (!_files.TryGetValue(key, out var file))
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = file.MediaType;
        await context.Response.Body.WriteAsync(file.Content, context.RequestAborted);
    }

    private static (HttpStatusCode, JsonObject) InvalidParameter() => (HttpStatusCode.BadRequest, Error(100, "(#100) Invalid parameter"));

    /// <summary>Meta's error body.</summary>
    public static JsonObject Error(int code, string message, string? details = null) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = "OAuthException",
            ["code"] = code,
            ["error_data"] = details is null ? null : new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = details },
            ["fbtrace_id"] = "AbCdEf123",
        },
    };

    private static async Task AnswerAsync(HttpContext context, HttpStatusCode status, JsonObject body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Inbox.MediaServer.Tests.Plugins;

/// <summary>
/// The sample plugin's SMS gateway on loopback, speaking its JSON API: accepts POST /messages (answering an id) and
/// GET /health, can be down (503), and can post webhooks to the server the way the gateway would.
/// </summary>
internal sealed class FakeSmsGateway : IDisposable
{
    public const string ApiKey = "gateway-key";

    private readonly LoopbackHttpServer _server;
    private int _next;

    public FakeSmsGateway() => _server = new LoopbackHttpServer(AnswerAsync);

    public string Url => _server.Url;

    /// <summary>The messages the server sent, with the bearer key it used.</summary>
    public ConcurrentQueue<(JsonObject Message, string? Authorization)> Sent { get; } = new();

    /// <summary>The status the next sends answer with; 200 accepts them.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

    /// <summary>While set, every send is answered 503 Service Unavailable, whatever <see cref="Answer"/> says.</summary>
    public bool Down { get; set; }

    /// <summary>The messages it accepted (answered 200 with an id), in order: what reached the phone network.</summary>
    public ConcurrentQueue<JsonObject> Delivered { get; } = new();

    /// <summary>Posts a webhook to the server's <paramref name="path"/> under the sample channel's prefix.</summary>
    public static async Task<HttpStatusCode> PostAsync(Uri webAddress, string path, string json, string apiKey = ApiKey)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(webAddress, "/channels/sample/" + path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public void Dispose() => _server.Dispose();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        if (context.Request.Url!.AbsolutePath == "/health")
        {
            response.StatusCode = 200;
            return;
        }

        using var reader = new StreamReader(context.Request.InputStream);
        var message = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        Sent.Enqueue((message, context.Request.Headers["Authorization"]));
        var answer = Down ? HttpStatusCode.ServiceUnavailable : Answer;
        if (answer == HttpStatusCode.OK)
        {
            Delivered.Enqueue(message);
        }

        response.StatusCode = (int)answer;
        var body = Encoding.UTF8.GetBytes(answer == HttpStatusCode.OK ? $"{{\"id\":\"gw-{Interlocked.Increment(ref _next)}\"}}" : "{\"error\":\"try later\"}");
        response.ContentType = "application/json";
        await response.OutputStream.WriteAsync(body);
    }
}

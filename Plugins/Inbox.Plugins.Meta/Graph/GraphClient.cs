using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Inbox.Plugins.Meta.Graph;

/// <summary>
/// The Graph API as the channels call it: <c>{BaseUrl}/{version}/{path}</c> with the access token as a bearer
/// token, answers read as JSON and refusals mapped by <see cref="GraphError"/>. Thread-safe; one per channel.
/// </summary>
internal sealed class GraphClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _version;
    private readonly AuthenticationHeaderValue _authorization;

    public GraphClient(MetaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _http = new HttpClient { BaseAddress = settings.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        _version = settings.ApiVersion;
        _authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
    }

    public Task<GraphResult> PostJsonAsync(string path, JsonNode body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, JsonContent.Create(body), cancellationToken);

    /// <summary>A multipart upload (media, attachments); the form is disposed with the request.</summary>
    public Task<GraphResult> PostFormAsync(string path, MultipartFormDataContent form, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, form, cancellationToken);

    public Task<GraphResult> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>
    /// Fetches a file a webhook or the API pointed to. <paramref name="withToken"/>: WhatsApp's media URLs need the
    /// access token; Messenger's CDN URLs are signed already and must not be given it.
    /// </summary>
    /// <exception cref="HttpRequestException">The file could not be fetched; the webhook should be redelivered.</exception>
    public async Task<(byte[] Content, string? MediaType)> DownloadAsync(Uri url, bool withToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (withToken)
        {
            request.Headers.Authorization = _authorization;
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _http.Dispose();

    private async Task<GraphResult> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"{_version}/{path}") { Content = content };
        request.Headers.Authorization = _authorization;
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode
                ? GraphResult.Ok(body.Length == 0 ? null : JsonNode.Parse(body))
                : GraphResult.Failed(GraphError.ToSendResult(response.StatusCode, body));
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return GraphResult.Failed(GraphError.Unreachable(e));
        }
    }
}

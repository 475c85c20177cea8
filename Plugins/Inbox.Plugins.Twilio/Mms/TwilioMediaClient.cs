using System.Net;
using System.Net.Http.Headers;

namespace Inbox.Plugins.Twilio.Mms;

/// <summary>
/// Fetches MMS files from Twilio's Media resource (<c>{BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{MediaSid}</c>),
/// with HTTP Basic when the account enforces it for media. Twilio answers with a redirect to its media host
/// (a short-lived signed URL); redirects are followed here rather than by the handler so that the credentials go
/// only to the API's own scheme, host and port, never to the host a redirect names. Thread-safe.
/// </summary>
internal sealed class TwilioMediaClient : IDisposable
{
    private const int MostRedirects = 5;

    private readonly HttpClient _http;
    private readonly Uri _apiBase;
    private readonly AuthenticationHeaderValue _credentials;
    private readonly long _maxBytes;

    public TwilioMediaClient(TwilioOptions options)
    {
        // No timeout of its own: the caller's token carries the deadline of the whole message's media.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        _apiBase = options.ApiBase;
        _credentials = options.Credentials;
        _maxBytes = options.MaxMediaBytes;
    }

    /// <summary>The API's host, as a refusal names it.</summary>
    public string ApiHost => _apiBase.Authority;

    /// <summary>Whether <paramref name="url"/> is on the API's scheme, host and port: only such a URL gets the credentials.</summary>
    public bool IsApiHost(Uri url) =>
        Uri.Compare(url, _apiBase, UriComponents.Scheme | UriComponents.Host | UriComponents.StrongPort, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Fetches <paramref name="url"/>, which must be on the API's host; never throws for what Twilio answers.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<MediaFetch> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        var current = url;
        try
        {
            for (var hop = 0; hop <= MostRedirects; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                if (IsApiHost(current))
                {
                    request.Headers.Authorization = _credentials;
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    current = new Uri(current, location);
                    continue;
                }

                return response.IsSuccessStatusCode
                    ? await ReadAsync(response.Content, cancellationToken).ConfigureAwait(false)
                    : MediaFetch.Failed($"{Who(current)} answered {(int)response.StatusCode} ({response.ReasonPhrase})");
            }

            return MediaFetch.Failed($"Twilio redirected it more than {MostRedirects} times");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return MediaFetch.Failed($"{Who(current)} could not be reached: {e.Message}");
        }
    }

    public void Dispose() => _http.Dispose();

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    // Read in chunks up to the limit: a missing or false Content-Length must not let a file past it into memory.
    private async Task<MediaFetch> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _maxBytes)
        {
            return TooLarge();
        }

        var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81_920];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _maxBytes)
                {
                    return TooLarge();
                }

                buffer.Write(chunk, 0, read);
            }

            return MediaFetch.Fetched(buffer.ToArray(), content.Headers.ContentType?.MediaType);
        }
    }

    private MediaFetch TooLarge() => MediaFetch.Failed($"it is larger than the channel's limit of {_maxBytes} bytes (MaxMediaBytes)");

    private string Who(Uri url) => IsApiHost(url) ? "Twilio" : $"Twilio's media host {url.Authority}";
}

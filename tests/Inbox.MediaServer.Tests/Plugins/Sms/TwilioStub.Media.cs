using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Inbox.MediaServer.Tests.Plugins.Sms;

/// <summary>
/// The Media resource, <c>GET /2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{MediaSid}</c>: behind
/// HTTP Basic like the rest of the API, it answers 307 to a short-lived URL on Twilio's media host, which serves the
/// file without credentials. The media host here is a second loopback server, on another port and so another origin.
/// </summary>
internal sealed partial class TwilioStub
{
    private readonly LoopbackHttpServer _mediaHost;
    private readonly ConcurrentDictionary<string, (byte[] Content, string ContentType)> _media = new();
    private int _nextMedia;

    /// <summary>The media host's base URL, ending with a slash.</summary>
    public string MediaHostUrl => _mediaHost.Url;

    /// <summary>The Authorization header of each request the media host got, or null where there was none.</summary>
    public ConcurrentQueue<string?> MediaHostAuthorizations { get; } = new();

    /// <summary>Stores a file received with <paramref name="messageSid"/>; returns its MediaUrl as the webhook carries it.</summary>
    public string AddMedia(string messageSid, byte[] content, string contentType)
    {
        var mediaSid = $"ME{Interlocked.Increment(ref _nextMedia):x32}";
        _media[$"{messageSid}/{mediaSid}"] = (content, contentType);
        return $"{Url}2010-04-01/Accounts/{AccountSid}/Messages/{messageSid}/Media/{mediaSid}";
    }

    /// <summary>An incoming MMS's webhook parameters: <see cref="Inbound"/> with NumMedia, MediaUrl{i} and MediaContentType{i}.</summary>
    public static List<KeyValuePair<string, string>> Mms(string sid, string from, string body, params (string Url, string ContentType)[] media)
    {
        var parameters = Inbound(sid, from, body);
        parameters.RemoveAll(p => p.Key == "NumMedia");
        parameters.Add(new("NumMedia", media.Length.ToString(CultureInfo.InvariantCulture)));
        foreach (var (file, i) in media.Select((m, i) => (m, i)))
        {
            parameters.Add(new($"MediaUrl{i}", file.Url));
            parameters.Add(new($"MediaContentType{i}", file.ContentType));
        }

        return parameters;
    }

    // "{MessageSid}/{MediaSid}" for a Media resource path that names a stored file.
    private string? MediaAt(string path)
    {
        var prefix = $"/2010-04-01/Accounts/{AccountSid}/Messages/";
        var rest = path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..].Split('/') : [];
        return rest is [var message, "Media", var media] && _media.ContainsKey($"{message}/{media}") ? $"{message}/{media}" : null;
    }

    private void RedirectToMediaHost(HttpListenerResponse response, string media)
    {
        response.StatusCode = (int)HttpStatusCode.TemporaryRedirect;
        response.RedirectLocation = $"{MediaHostUrl}{AccountSid}/{Uri.EscapeDataString(media.Replace('/', '-'))}?Expires=4h";
    }

    private async Task AnswerMediaHostAsync(HttpListenerContext context)
    {
        MediaHostAuthorizations.Enqueue(context.Request.Headers["Authorization"]);
        var name = context.Request.Url!.AbsolutePath.Split('/')[^1].Replace('-', '/');
        if (_media.TryGetValue(name, out var file))
        {
            context.Response.ContentType = file.ContentType;
            await context.Response.OutputStream.WriteAsync(file.Content);
        }
        else
        {
            context.Response.StatusCode = (int)HttpStatusCode.NotFound;
        }
    }
}

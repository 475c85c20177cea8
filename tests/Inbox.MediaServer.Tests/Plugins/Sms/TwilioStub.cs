using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;

namespace Inbox.MediaServer.Tests.Plugins.Sms;

/// <summary>
/// Twilio's REST API on loopback, as far as the SMS channel uses it: the Messages resource (form-encoded, HTTP
/// Basic with the account SID and auth token, answering Twilio's JSON), the account lookup and the Media resource
/// with its media host (<see cref="AddMedia"/>); and Twilio's side of the webhooks, posting form-encoded requests
/// signed with X-Twilio-Signature as Twilio computes it.
/// </summary>
internal sealed partial class TwilioStub : IDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "twilio-auth-token";

    private static readonly string s_credentials = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));

    private readonly LoopbackHttpServer _server;
    private int _next;

    public TwilioStub()
    {
        _server = new LoopbackHttpServer(AnswerAsync);
        _mediaHost = new LoopbackHttpServer(AnswerMediaHostAsync);
    }

    /// <summary>The API's base URL, as the plugin's BaseUrl.</summary>
    public string Url => _server.Url;

    /// <summary>The messages the server created (with the right Basic credentials), by their form fields.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Sent { get; } = new();

    /// <summary>The status and Twilio error code the next creates answer with; 201 accepts them.</summary>
    public (HttpStatusCode Status, int Code, string Message) Answer { get; set; } = (HttpStatusCode.Created, 0, string.Empty);

    /// <summary>Twilio's signature: Base64(HMAC-SHA1(token, URL + each parameter's name and value, sorted by name)).</summary>
    public static string Sign(string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken = AuthToken)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        // Twilio signs with HMAC-SHA1 and nothing else.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>
    /// Posts a webhook to <paramref name="target"/> as Twilio would, signed over <paramref name="signedUrl"/> (the URL
    /// Twilio was configured with: the target itself, or the public URL of a proxy in front of it).
    /// </summary>
    /// <param name="signature">A signature to send instead of the right one; empty sends none.</param>
    public static async Task<HttpResponseMessage> PostAsync(
        Uri target, IReadOnlyList<KeyValuePair<string, string>> parameters, string? signedUrl = null, string? signature = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(parameters) };
        signature ??= Sign(signedUrl ?? target.ToString(), parameters);
        if (signature.Length > 0)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return response;
    }

    /// <summary>An incoming SMS's webhook parameters, as Twilio names them.</summary>
    public static List<KeyValuePair<string, string>> Inbound(string sid, string from, string body) =>
    [
        new("ToCountry", "US"), new("SmsMessageSid", sid), new("NumMedia", "0"), new("SmsSid", sid), new("SmsStatus", "received"),
        new("Body", body), new("To", "+15550001111"), new("NumSegments", "1"), new("MessageSid", sid), new("AccountSid", AccountSid),
        new("From", from), new("ApiVersion", "2010-04-01"),
    ];

    /// <summary>A status callback's parameters.</summary>
    public static List<KeyValuePair<string, string>> Status(string sid, string status, string? errorCode = null)
    {
        List<KeyValuePair<string, string>> parameters =
        [
            new("SmsSid", sid), new("SmsStatus", status), new("MessageStatus", status), new("To", "+5511999990001"),
            new("MessageSid", sid), new("AccountSid", AccountSid), new("From", "+15550001111"), new("ApiVersion", "2010-04-01"),
        ];
        if (errorCode is not null)
        {
            parameters.Add(new("ErrorCode", errorCode));
        }

        return parameters;
    }

    public void Dispose()
    {
        _server.Dispose();
        _mediaHost.Dispose();
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        var path = context.Request.Url!.AbsolutePath;
        response.ContentType = "application/json";
        if (context.Request.Headers["Authorization"] != s_credentials)
        {
            await AnswerAsync(response, HttpStatusCode.Unauthorized, """{"code":20003,"message":"Authenticate","status":401}""");
        }
        else if (context.Request.HttpMethod == "GET" && MediaAt(path) is { } media)
        {
            RedirectToMediaHost(response, media);
        }
        else if (context.Request.HttpMethod == "GET" && path == $"/2010-04-01/Accounts/{AccountSid}.json")
        {
            await AnswerAsync(response, HttpStatusCode.OK, $$"""{"sid":"{{AccountSid}}","status":"active"}""");
        }
        else if (context.Request.HttpMethod == "POST" && path == $"/2010-04-01/Accounts/{AccountSid}/Messages.json"
            && context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true)
        {
            using var reader = new StreamReader(context.Request.InputStream);
            var form = HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
            Sent.Enqueue(form.AllKeys.ToDictionary(k => k!, k => form[k]!));
            var (status, code, message) = Answer;
            var sid = $"SM{Interlocked.Increment(ref _next):D32}";
            await AnswerAsync(response, status, status == HttpStatusCode.Created
                ? $$"""{"sid":"{{sid}}","status":"queued","to":"{{form["To"]}}","body":"{{form["Body"]}}","num_media":"0"}"""
                : $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{(int)status}}}""");
        }
        else
        {
            await AnswerAsync(response, HttpStatusCode.NotFound, """{"code":20404,"message":"The requested resource was not found","status":404}""");
        }
    }

    private static async Task AnswerAsync(HttpListenerResponse response, HttpStatusCode status, string json)
    {
        response.StatusCode = (int)status;
        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(json));
    }
}

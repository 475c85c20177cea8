using System.Net;
using System.Text.Json;
using Inbox.Contracts.Channels;

namespace Inbox.Plugins.Twilio;

/// <summary>
/// Twilio's Messages resource: <c>POST {BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>, form-encoded,
/// HTTP Basic with the account SID and auth token. Thread-safe.
/// </summary>
internal sealed class TwilioMessagesClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _messagesPath;
    private readonly string _accountPath;

    public TwilioMessagesClient(TwilioOptions options)
    {
        _http = new HttpClient { BaseAddress = options.ApiBase, Timeout = TimeSpan.FromSeconds(20) };
        _http.DefaultRequestHeaders.Authorization = options.Credentials;
        _accountPath = $"2010-04-01/Accounts/{Uri.EscapeDataString(options.AccountSid)}.json";
        _messagesPath = $"2010-04-01/Accounts/{Uri.EscapeDataString(options.AccountSid)}/Messages.json";
    }

    /// <summary>
    /// Creates the message. Twilio has no idempotency key for this resource, so a send retried after a lost answer
    /// may go out twice; only failures Twilio reports before accepting (429, 5xx, no connection) are retryable.
    /// </summary>
    public async Task<SendResult> SendAsync(IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var content = new FormUrlEncodedContent(form);
            response = await _http.PostAsync(_messagesPath, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return SendResult.Failed("unreachable", $"Twilio could not be reached: {e.Message}", retryable: true);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return Property(body, "sid") is { Length: > 0 } sid
                    ? SendResult.Sent(sid)
                    : SendResult.Failed("no_sid", "Twilio accepted the message but its answer had no sid", retryable: false);
            }

            return Refusal(response.StatusCode, body);
        }
    }

    /// <summary>Fetches the account: proves the base URL and the credentials.</summary>
    public async Task<ChannelHealth> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(_accountPath, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? ChannelHealth.Healthy
                : ChannelHealth.Unhealthy($"Twilio answered {(int)response.StatusCode} to the account lookup");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ChannelHealth.Unhealthy($"Twilio cannot be reached: {e.Message}");
        }
    }

    public void Dispose() => _http.Dispose();

    // Twilio's error body: {"code": 21211, "message": "...", "more_info": "...", "status": 400}.
    private static SendResult Refusal(HttpStatusCode status, string body)
    {
        var retryable = status == HttpStatusCode.TooManyRequests || (int)status >= 500;
        var code = Property(body, "code") is { Length: > 0 } twilioCode ? twilioCode : $"http_{(int)status}";
        var reason = Property(body, "message") is { Length: > 0 } message ? message : $"Twilio answered {(int)status}";
        return SendResult.Failed(code, reason, retryable);
    }

    // A top-level string or number property of a JSON object; null when the body is not one.
    private static string? Property(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number => value.GetRawText(),
                    _ => null,
                }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

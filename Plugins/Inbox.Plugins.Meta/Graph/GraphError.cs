using System.Collections.Frozen;
using System.Net;
using System.Text.Json.Nodes;
using Inbox.Contracts.Channels;

namespace Inbox.Plugins.Meta.Graph;

/// <summary>
/// Turns a refused Graph API call into a <see cref="SendResult"/>: 5xx, 429 and Meta's throttling codes are worth
/// another try later; any other refusal (a bad recipient, the window closed, a policy) is final, with Meta's code
/// and message for the agent. The error body is <c>{"error":{"message","type","code","error_subcode","error_data"}}</c>.
/// </summary>
internal static class GraphError
{
    // Codes Meta answers with a 4xx that mean "not now" rather than "no": 1 and 2 (unknown or temporarily unavailable),
    // 4, 17, 32, 613 and 80007 (app, user and Page rate limits), 130429 (throughput), 131000 and 131016 (something
    // went wrong, service unavailable), 131056 (pair rate limit), 133004 (server temporarily unavailable) and 1200
    // (Messenger's temporary send failure).
    private static readonly FrozenSet<int> s_transient = FrozenSet.Create(1, 2, 4, 17, 32, 613, 1200, 80007, 130429, 131000, 131016, 131056, 133004);

    public static SendResult ToSendResult(HttpStatusCode status, string body)
    {
        var error = TryParse(body);
        var retryable = (int)status >= 500 || status == HttpStatusCode.TooManyRequests || (error?.Code is { } code && s_transient.Contains(code));
        return error is { Code: { } metaCode }
            ? SendResult.Failed(metaCode.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Describe(), retryable)
            : SendResult.Failed($"http_{(int)status}", body.Length > 0 ? body : $"the Graph API answered {(int)status}", retryable);
    }

    public static SendResult Unreachable(Exception e) =>
        SendResult.Failed("unreachable", $"The Graph API could not be reached: {e.Message}", retryable: true);

    private static MetaError? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["error"] is JsonObject error
                ? new MetaError((int?)error["code"], (string?)error["message"], (string?)error["error_data"]?["details"])
                : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private sealed record MetaError(int? Code, string? Message, string? Details)
    {
        public string Describe() => (Message, Details) switch
        {
            (null, null) => "the Graph API refused the request",
            ({ } message, null) => message,
            (null, { } details) => details,
            ({ } message, { } details) => $"{message}: {details}",
        };
    }
}

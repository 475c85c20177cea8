using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Inbox.Contracts.Channels;

namespace Inbox.Plugins.Sample;

/// <summary>
/// An SMS gateway with a plain JSON API, as a complete channel: sends are POSTed to <c>{GatewayUrl}/messages</c>;
/// the gateway posts inbound texts to <c>/channels/sample/inbound</c> and delivery reports to
/// <c>/channels/sample/status</c>, authenticated by the shared <c>ApiKey</c> in an <c>X-Api-Key</c> header.
/// </summary>
public sealed class SampleSmsChannel : IChannelPlugin
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private HttpClient? _http;
    private IChannelSink? _sink;
    private byte[] _apiKey = [];

    public IReadOnlyList<ChannelSetting> Settings { get; } =
    [
        new("GatewayUrl", "The gateway's base URL, e.g. https://sms.example.com/api", Required: true),
        new("ApiKey", "The key the gateway and the server share, both ways", Required: true, Secret: true),
    ];

    public ChannelCapabilities Capabilities { get; } =
        new(AttachmentKinds.None, VoiceNotes: false, Templates: false, MessagingWindow: null, MaxTextLength: 1_600, MaxAttachmentBytes: 0);

    public Task StartAsync(IChannelHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var key = host.Configuration["ApiKey"]!;
        _apiKey = Encoding.UTF8.GetBytes(key);
        _sink = host.Sink;
        _http = new HttpClient { BaseAddress = new Uri(host.Configuration["GatewayUrl"]!.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(15) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        host.MapWebhook("inbound", ReceiveAsync);
        host.MapWebhook("status", StatusAsync);
        return Task.CompletedTask;
    }

    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        HttpResponseMessage response;
        try
        {
            response = await _http!.PostAsJsonAsync("messages", new GatewayMessage(message.CustomerAddress, message.Text, message.MessageId), s_json, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return SendResult.Failed("unreachable", $"The gateway could not be reached: {e.Message}", retryable: true);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<GatewayAccepted>(s_json, cancellationToken) is { Id: { } id })
            {
                return SendResult.Sent(id);
            }

            var reason = await response.Content.ReadAsStringAsync(cancellationToken);
            var retryable = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
            return SendResult.Failed($"http_{(int)response.StatusCode}", reason.Length > 0 ? reason : response.ReasonPhrase ?? "refused", retryable);
        }
    }

    public async Task<ChannelHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http!.GetAsync("health", cancellationToken);
            return response.IsSuccessStatusCode ? ChannelHealth.Healthy : ChannelHealth.Unhealthy($"the gateway answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return ChannelHealth.Unhealthy($"the gateway cannot be reached: {e.Message}");
        }
    }

    public ValueTask DisposeAsync()
    {
        _http?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<WebhookResponse> ReceiveAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        if (Refused(request) is { } refusal)
        {
            return refusal;
        }

        var inbound = JsonSerializer.Deserialize<GatewayInbound>(request.Body.Span, s_json);
        if (inbound is not { Id: { } id, From: { } from, Text: { } text })
        {
            return WebhookResponse.Text(400, "id, from and text are required");
        }

        // Stored before the 200: a gateway that gets no answer sends it again, and the id makes that harmless.
        await _sink!.ReceiveAsync(new InboundMessage(from, id, text), cancellationToken);
        return WebhookResponse.Ok();
    }

    private async Task<WebhookResponse> StatusAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        if (Refused(request) is { } refusal)
        {
            return refusal;
        }

        var report = JsonSerializer.Deserialize<GatewayStatus>(request.Body.Span, s_json);
        DeliveryStatus? status = report?.Status switch
        {
            "sent" => DeliveryStatus.Sent,
            "delivered" => DeliveryStatus.Delivered,
            "read" => DeliveryStatus.Read,
            "failed" => DeliveryStatus.Failed,
            _ => null,
        };
        if (report?.Id is not { } id || status is null)
        {
            return WebhookResponse.Text(400, "id and a status of sent, delivered, read or failed are required");
        }

        await _sink!.ReportStatusAsync(new StatusReport(id, status.Value, DateTimeOffset.UtcNow) { FailureReason = report.Error }, cancellationToken);
        return WebhookResponse.Ok();
    }

    // Compared in constant time, so the key cannot be guessed byte by byte from response times.
    private WebhookResponse? Refused(WebhookRequest request) =>
        request.Headers.TryGetValue("X-Api-Key", out var key) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), _apiKey)
            ? null
            : WebhookResponse.Text(401, "a valid X-Api-Key header is required");

    private sealed record GatewayMessage(string To, string Text, string Reference);

    private sealed record GatewayAccepted(string? Id);

    private sealed record GatewayInbound(string? Id, string? From, string? Text);

    private sealed record GatewayStatus(string? Id, string? Status, string? Error);
}

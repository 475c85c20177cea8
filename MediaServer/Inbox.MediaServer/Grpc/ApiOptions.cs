namespace Inbox.MediaServer.Grpc;

/// <summary>
/// The gRPC control API's endpoints (configuration section <c>Api</c>), validated at start by
/// <see cref="ApiOptionsValidator"/>. Both are cleartext: <see cref="Port"/> serves gRPC over HTTP/2 (prior
/// knowledge), <see cref="WebPort"/> serves gRPC-Web over HTTP/1.1 for browsers. Two ports because Kestrel cannot yet
/// tell an HTTP/2 prior-knowledge connection from HTTP/1.1 on one cleartext port (dotnet/aspnetcore#56984): it
/// answers HTTP_1_1_REQUIRED. Put a TLS-terminating proxy in front before exposing either beyond loopback.
/// </summary>
internal sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>The largest document attachment (100 MiB) plus room for the rest of the request.</summary>
    public const int DefaultMaxMessageSize = 110 * 1024 * 1024;

    /// <summary>The IP address to listen on. Default <c>127.0.0.1</c>; <c>0.0.0.0</c> or <c>::</c> listen on every interface.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The TCP port for gRPC (HTTP/2 cleartext, prior knowledge). Default 5080; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 5080;

    /// <summary>The TCP port for gRPC-Web (HTTP/1.1), what browsers use. Default 5081; 0 picks a free port (tests).</summary>
    public int WebPort { get; set; } = 5081;

    /// <summary>
    /// The largest gRPC message accepted, in bytes: attachments are uploaded inline, so it must hold the largest
    /// attachment allowed. Default 110 MiB (115,343,360 bytes), enough for a 100 MiB document.
    /// </summary>
    public int MaxMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>How long an event stream may stay silent before the server sends a Heartbeat. Default 15 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Web origins (e.g. <c>https://agent.example.com</c>) whose pages may call the API with gRPC-Web. Default none:
    /// browsers may call it only from pages the same origin serves. The list starts empty because the configuration
    /// binder appends to a list rather than replacing it.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];
}

using System.Net;
using Microsoft.Extensions.Options;

namespace Inbox.MediaServer.Grpc;

/// <summary>Checks <see cref="ApiOptions"/>; every message names the key to fix.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    private const int MinMessageSize = 64 * 1024;
    private const int MaxMessageSize = 1024 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? failures = null;
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            (failures ??= []).Add($"Api:ListenAddress ('{options.ListenAddress}') must be an IP address, e.g. 127.0.0.1, 0.0.0.0 or ::.");
        }

        if (options.Port is < 0 or > 65535)
        {
            (failures ??= []).Add($"Api:Port ({options.Port}) must be between 0 and 65535.");
        }

        if (options.WebPort is < 0 or > 65535)
        {
            (failures ??= []).Add($"Api:WebPort ({options.WebPort}) must be between 0 and 65535.");
        }
        else if (options.WebPort == options.Port && options.Port != 0)
        {
            (failures ??= []).Add($"Api:WebPort ({options.WebPort}) must differ from Api:Port: gRPC (HTTP/2) and gRPC-Web (HTTP/1.1) need a port each.");
        }

        if (options.MaxMessageSize is < MinMessageSize or > MaxMessageSize)
        {
            (failures ??= []).Add($"Api:MaxMessageSize ({options.MaxMessageSize}) must be between {MinMessageSize} and {MaxMessageSize} bytes.");
        }

        if (options.HeartbeatInterval < TimeSpan.FromMilliseconds(100) || options.HeartbeatInterval > TimeSpan.FromMinutes(10))
        {
            (failures ??= []).Add($"Api:HeartbeatInterval ({options.HeartbeatInterval}) must be between 00:00:00.1 and 00:10:00.");
        }

        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            var origin = options.AllowedOrigins[i];
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                (failures ??= []).Add($"Api:AllowedOrigins:{i} ('{origin}') must be an origin: scheme, host and optional port, e.g. https://agent.example.com.");
            }
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

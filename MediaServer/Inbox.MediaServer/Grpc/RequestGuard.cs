using Grpc.Core;

namespace Inbox.MediaServer.Grpc;

/// <summary>Checks of request fields before anything reaches the engine; each refusal names the proto field.</summary>
internal static class RequestGuard
{
    /// <summary>A page size left at 0.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest page served; larger requests are served this many.</summary>
    public const int MaxPageSize = 200;

    public static string Required(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid($"{field} is required.") : value;

    /// <summary>0 means <see cref="DefaultPageSize"/>; more than <see cref="MaxPageSize"/> counts as that.</summary>
    public static int PageSize(int limit, string field) => limit switch
    {
        < 0 => throw Invalid($"{field} must not be negative."),
        0 => DefaultPageSize,
        > MaxPageSize => MaxPageSize,
        _ => limit,
    };

    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}

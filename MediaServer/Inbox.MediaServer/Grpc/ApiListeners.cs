using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Inbox.MediaServer.Grpc;

/// <summary>
/// The API's two Kestrel endpoints. Kestrel writes the bound address back into each once it listens, so with port 0
/// (tests) the real ports can be read here after start.
/// </summary>
internal sealed class ApiListeners
{
    public ListenOptions? Grpc { get; set; }

    public ListenOptions? Web { get; set; }

    /// <summary>The gRPC (HTTP/2) address, e.g. http://127.0.0.1:5080.</summary>
    public Uri GrpcAddress => AddressOf(Grpc);

    /// <summary>The gRPC-Web (HTTP/1.1) address, e.g. http://127.0.0.1:5081.</summary>
    public Uri WebAddress => AddressOf(Web);

    private static Uri AddressOf(ListenOptions? listen) =>
        listen?.IPEndPoint is IPEndPoint endPoint
            ? new Uri($"http://{endPoint}")
            : throw new InvalidOperationException("The API is not listening.");
}

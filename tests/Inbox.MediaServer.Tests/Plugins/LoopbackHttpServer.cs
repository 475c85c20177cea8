using System.Net;
using System.Net.Sockets;

namespace Inbox.MediaServer.Tests.Plugins;

/// <summary>
/// An HTTP server on a free loopback port standing in for a provider's cloud: each request goes to the handler in
/// turn, and its response is closed after.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public LoopbackHttpServer(Func<HttpListenerContext, Task> handle)
    {
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            Url = $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}/";
        }

        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = ServeAsync(handle);
    }

    /// <summary>The base URL, ending with a slash.</summary>
    public string Url { get; }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _ = _serving.Exception;
    }

    private async Task ServeAsync(Func<HttpListenerContext, Task> handle)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var response = context.Response;
            await handle(context);
        }
    }
}

using System.Net.WebSockets;
using System.Text.Json;

namespace Inbox.Plugins.WebChat.Visitors;

/// <summary>
/// One open widget (a browser tab): sends frames one at a time, as a WebSocket allows only one send at once. A send
/// that cannot finish in time aborts the socket, so a stalled browser never holds up her other tabs or the agent.
/// Thread-safe.
/// </summary>
internal sealed class VisitorConnection(WebSocket socket, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan s_sendTimeout = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _sending = new(1, 1);
    private DateTimeOffset _lastTyping = DateTimeOffset.MinValue;

    /// <summary>Sends <paramref name="frame"/> as a text message; false when the socket is gone.</summary>
    public async Task<bool> SendAsync<TFrame>(TFrame frame, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(frame, WebChatJson.Options);
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (socket.State != WebSocketState.Open)
            {
                return false;
            }

            using var timeout = new CancellationTokenSource(s_sendTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Abort();
            return false;
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>
    /// Whether a typing signal from this tab should reach the agent: at most one every two seconds, whatever the
    /// widget sends.
    /// </summary>
    public bool ShouldForwardTyping()
    {
        var now = time.GetUtcNow();
        if (now - _lastTyping < TimeSpan.FromSeconds(2))
        {
            return false;
        }

        _lastTyping = now;
        return true;
    }

    public void Dispose() => _sending.Dispose();
}

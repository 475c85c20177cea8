using System.Net.WebSockets;
using Inbox.Plugins.WebChat.Protocol;
using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.WebChat.Visitors;

/// <summary>
/// Serves one widget's socket: a <c>hello</c> first (within 30 seconds), then her frames in order until she closes
/// it. A frame past the size cap closes the socket with 1009 (message too big).
/// </summary>
internal sealed class VisitorSocket(string channelId, WebChatConversations conversations, WebChatOptions options, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan s_helloTimeout = TimeSpan.FromSeconds(30);

    public async Task RunAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        using var connection = new VisitorConnection(socket, time);
        var reader = new FrameReader(socket, options.MaxFrameBytes);
        Visitor? visitor = null;
        try
        {
            VisitorFrame? hello;
            using (var timeout = new CancellationTokenSource(s_helloTimeout, time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken))
            {
                hello = await reader.ReadAsync(linked.Token).ConfigureAwait(false);
            }

            if (hello?.Type != "hello")
            {
                await CloseAsync(socket, reader.TooLarge, "the first frame must be a hello").ConfigureAwait(false);
                return;
            }

            visitor = await conversations.OpenAsync(connection, hello, cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame)
            {
                await DispatchAsync(visitor, connection, frame, cancellationToken).ConfigureAwait(false);
            }

            await CloseAsync(socket, reader.TooLarge, "frame too large").ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // She went away without a close (a closed laptop, a lost network) or the server is stopping.
            WebChatLog.SocketFailed(logger, channelId, e);
        }
        finally
        {
            if (visitor is not null)
            {
                await conversations.CloseAsync(visitor, connection).ConfigureAwait(false);
            }
        }
    }

    private Task DispatchAsync(Visitor visitor, VisitorConnection connection, VisitorFrame frame, CancellationToken cancellationToken) => frame.Type switch
    {
        "message" => conversations.ReceiveAsync(visitor, connection, frame, cancellationToken),
        "typing" => conversations.TypingAsync(visitor, connection, cancellationToken),
        "ack" => conversations.AcknowledgeAsync(visitor, frame, cancellationToken),
        _ => connection.SendAsync(new ErrorFrame("bad_frame", "Frames are JSON objects of type message, typing or ack.", frame.Id), cancellationToken),
    };

    private static async Task CloseAsync(WebSocket socket, bool tooLarge, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var status = tooLarge ? WebSocketCloseStatus.MessageTooBig : socket.State == WebSocketState.CloseReceived ? WebSocketCloseStatus.NormalClosure : WebSocketCloseStatus.PolicyViolation;
            await socket.CloseAsync(status, status == WebSocketCloseStatus.NormalClosure ? null : reason, timeout.Token).ConfigureAwait(false);
        }
    }
}

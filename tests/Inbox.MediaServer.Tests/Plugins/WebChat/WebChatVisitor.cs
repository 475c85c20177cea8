using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Inbox.MediaServer.Tests.Plugins.WebChat;

/// <summary>
/// A web chat visitor as the widget is: a real WebSocket to the server speaking the widget's JSON frames. Frames
/// from the server are kept in order, so a test waits for the next one of a type.
/// </summary>
internal sealed class WebChatVisitor : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonObject> _frames = Channel.CreateUnbounded<JsonObject>();
    private Task _reading = Task.CompletedTask;

    private WebChatVisitor()
    {
    }

    /// <summary>Her welcome: the token to resume with and her visitor id (the interaction's customer address).</summary>
    public JsonObject Welcome { get; private set; } = [];

    public string Token => (string)Welcome["token"]!;

    public string Id => (string)Welcome["visitor"]!;

    /// <summary>Opens the socket and says hello with <paramref name="hello"/>'s fields (name, email, phone, token, after).</summary>
    public static async Task<WebChatVisitor> ConnectAsync(Uri webAddress, JsonObject hello)
    {
        var visitor = new WebChatVisitor();
        var socketUrl = new UriBuilder(new Uri(webAddress, "/channels/webchat/socket")) { Scheme = "ws" }.Uri;
        await visitor._socket.ConnectAsync(socketUrl, TestContext.Current.CancellationToken);
        visitor._reading = visitor.ReadAsync();
        hello["type"] = "hello";
        await visitor.SendAsync(hello);
        visitor.Welcome = await visitor.NextAsync("welcome");
        return visitor;
    }

    public Task SendAsync(JsonObject frame) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, TestContext.Current.CancellationToken);

    /// <summary>The next frame of <paramref name="type"/>, skipping others.</summary>
    public async Task<JsonObject> NextAsync(string type)
    {
        while (true)
        {
            var frame = await NextAsync();
            if ((string?)frame["type"] == type)
            {
                return frame;
            }
        }
    }

    /// <summary>The next frame, whatever its type.</summary>
    public async Task<JsonObject> NextAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Poll.Wait);
        return await _frames.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Closes the socket as a browser leaving the page would.</summary>
    public async Task CloseAsync()
    {
        await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", TestContext.Current.CancellationToken);
        await _reading;
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await _reading;
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    _frames.Writer.TryWrite(JsonNode.Parse(message.ToArray())!.AsObject());
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted by DisposeAsync, or the server went away: the frames so far are kept.
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}

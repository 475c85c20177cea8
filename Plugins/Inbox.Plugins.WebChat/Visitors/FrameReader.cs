using System.Net.WebSockets;
using System.Text.Json;
using Inbox.Plugins.WebChat.Protocol;

namespace Inbox.Plugins.WebChat.Visitors;

/// <summary>
/// Reads whole JSON frames from a visitor's socket into one buffer that grows up to a cap. Not thread-safe: one
/// reader per socket.
/// </summary>
internal sealed class FrameReader(WebSocket socket, int maxFrameBytes)
{
    private byte[] _buffer = new byte[16 * 1024];

    /// <summary>Set when the last frame ran past the cap; the socket should then be closed.</summary>
    public bool TooLarge { get; private set; }

    /// <summary>
    /// The next frame; null when she closed the socket or a frame ran past the cap. A frame that is not valid JSON
    /// comes back with no type.
    /// </summary>
    public async Task<VisitorFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                if (length >= maxFrameBytes)
                {
                    TooLarge = true;
                    return null;
                }

                Array.Resize(ref _buffer, (int)Math.Min((long)length * 2, maxFrameBytes));
            }

            var result = await socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return Parse(_buffer.AsSpan(0, length));
            }
        }
    }

    private static VisitorFrame Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<VisitorFrame>(json, WebChatJson.Options) ?? new VisitorFrame();
        }
        catch (JsonException)
        {
            return new VisitorFrame();
        }
    }
}

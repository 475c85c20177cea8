using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Inbox.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace Inbox.Sip.Transport;

/// <summary>
/// One TCP connection, inbound or outbound: a read loop that frames messages by Content-Length (RFC 3261 §18.3)
/// and answers CRLF keep-alives (RFC 5626 §3.5.1), and serialised writes.
/// </summary>
internal sealed class SipTcpConnection : IAsyncDisposable
{
    private const int InitialBufferSize = 8192;

    private static readonly byte[] s_pong = "\r\n"u8.ToArray();
    private static readonly TimeSpan s_closeGrace = TimeSpan.FromSeconds(1);

    private readonly Socket _socket;
    private readonly SipInboundDispatcher _dispatcher;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly int _maxMessageSize;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private long _lastActivity;

    public SipTcpConnection(Socket socket, SipInboundDispatcher dispatcher, int maxMessageSize, TimeProvider timeProvider, ILogger logger)
    {
        _socket = socket;
        _dispatcher = dispatcher;
        _maxMessageSize = maxMessageSize;
        _timeProvider = timeProvider;
        _logger = logger;
        _socket.NoDelay = true;
        RemoteEndPoint = Normalize((IPEndPoint)socket.RemoteEndPoint!);
        Source = new SipEndPoint(SipTransportProtocol.Tcp, RemoteEndPoint);
        _lastActivity = timeProvider.GetTimestamp();
    }

    public IPEndPoint RemoteEndPoint { get; }

    public SipEndPoint Source { get; }

    public TimeSpan IdleTime => _timeProvider.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    public bool IsClosed => _closed.IsCancellationRequested;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        var scratch = new SipMessageIndex();
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    buffer = Grow(buffer, filled);
                }

                var read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, linked.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                Touch();
                filled += read;
                var consumed = await ProcessAsync(buffer.AsMemory(0, filled), scratch, linked.Token).ConfigureAwait(false);
                if (consumed < 0)
                {
                    // The stream cannot be framed any more. Stop reading, but let a final 400 or 513 go out first.
                    await Task.Delay(s_closeGrace, linked.Token).ConfigureAwait(false);
                    break;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }
        catch (SocketException e)
        {
            SipTransportLog.ConnectionFailed(_logger, RemoteEndPoint, e.SocketErrorCode);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!bytes.IsEmpty)
            {
                var sent = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                bytes = bytes[sent..];
            }

            Touch();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            await DisposeAsync().ConfigureAwait(false);
            throw new SipTransportException($"TCP send to {RemoteEndPoint} failed", e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_closed.IsCancellationRequested)
        {
            _closed.Cancel();
            ShutDownGracefully();
            _socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Sends FIN before the handle goes: disposing a socket with a receive pending aborts it with RST on Linux,
    /// and a peer must see an idle or finished connection end cleanly.
    /// </summary>
    private void ShutDownGracefully()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer or closed: nothing left to shut down.
        }
    }

    /// <summary>Dispatches every whole message in the buffer; returns bytes consumed, or -1 to close.</summary>
    private async ValueTask<int> ProcessAsync(ReadOnlyMemory<byte> data, SipMessageIndex scratch, CancellationToken cancellationToken)
    {
        var offset = 0;
        while (offset < data.Length)
        {
            var span = data.Span[offset..];
            if (span[0] is (byte)'\r' or (byte)'\n')
            {
                var keepAlive = ReadKeepAlive(span);
                if (keepAlive == 0)
                {
                    break;
                }

                if (keepAlive == 4)
                {
                    // A double-CRLF ping is answered with a single-CRLF pong (RFC 5626 §3.5.1).
                    await SendAsync(s_pong, cancellationToken).ConfigureAwait(false);
                }

                offset += keepAlive;
                continue;
            }

            var consumed = _dispatcher.Dispatch(span, isStream: true, scratch, Source);
            if (consumed < 0)
            {
                return -1;
            }

            if (consumed == 0)
            {
                break;
            }

            offset += consumed;
        }

        return offset;
    }

    // 4 for a CRLFCRLF ping, 2 (or 1) for stray line ends between messages, 0 when more bytes are needed to tell.
    private static int ReadKeepAlive(ReadOnlySpan<byte> span)
    {
        if (span.StartsWith("\r\n\r\n"u8))
        {
            return 4;
        }

        if (span.Length < 4 && "\r\n\r\n"u8.StartsWith(span))
        {
            return 0;
        }

        return span.StartsWith("\r\n"u8) ? 2 : 1;
    }

    private byte[] Grow(byte[] buffer, int filled)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _maxMessageSize + InitialBufferSize));
        if (larger.Length <= buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(larger);
            throw new SocketException((int)SocketError.MessageSize);
        }

        buffer.AsSpan(0, filled).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, _timeProvider.GetTimestamp());

    internal static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
}

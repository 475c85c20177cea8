using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Inbox.Sip.Transport;

/// <summary>Accepts TCP connections on one address and runs each until it closes.</summary>
internal sealed class SipTcpListener : IDisposable
{
    private readonly Socket _socket;
    private readonly SipInboundDispatcher _dispatcher;
    private readonly SipConnectionTable _connections;
    private readonly SipTransportOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public SipTcpListener(
        IPEndPoint bindTo, SipInboundDispatcher dispatcher, SipConnectionTable connections, SipTransportOptions options,
        TimeProvider timeProvider, ILogger logger)
    {
        _dispatcher = dispatcher;
        _connections = connections;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _socket = new Socket(bindTo.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (bindTo.AddressFamily == AddressFamily.InterNetworkV6)
        {
            _socket.DualMode = false;
        }

        try
        {
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _socket.Bind(bindTo);
            _socket.Listen(512);
        }
        catch (SocketException)
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var running = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException e)
            {
                // Running out of descriptors or a reset during the handshake must not stop the listener.
                SipTransportLog.AcceptFailed(_logger, LocalEndPoint, e.SocketErrorCode);
                continue;
            }

            var connection = new SipTcpConnection(accepted, _dispatcher, _options.MaxMessageSize, _timeProvider, _logger);
            _connections.Add(connection);
            running.Add(RunConnectionAsync(connection, cancellationToken));
            running.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    public void Dispose() => _socket.Dispose();

    private async Task RunConnectionAsync(SipTcpConnection connection, CancellationToken cancellationToken)
    {
        await connection.RunAsync(cancellationToken).ConfigureAwait(false);
        _connections.Remove(connection);
    }
}

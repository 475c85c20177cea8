using System.Net;
using System.Net.Sockets;
using Inbox.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace Inbox.Sip.Transport;

/// <summary>One bound UDP socket: a receive loop that owns its buffer, and sends from the same socket.</summary>
internal sealed class UdpSipChannel : IDisposable
{
    // The largest UDP payload; anything over the configured limit is still read whole so it can get 513.
    private const int DatagramBufferSize = 65535;

    private readonly Socket _socket;
    private readonly SipInboundDispatcher _dispatcher;
    private readonly ILogger _logger;

    public UdpSipChannel(IPEndPoint bindTo, SipInboundDispatcher dispatcher, ILogger logger)
    {
        _dispatcher = dispatcher;
        _logger = logger;
        _socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (bindTo.AddressFamily == AddressFamily.InterNetworkV6)
        {
            _socket.DualMode = false;
        }

        try
        {
            _socket.ReceiveBufferSize = 4 * 1024 * 1024;
            _socket.Bind(bindTo);
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
        var buffer = GC.AllocateUninitializedArray<byte>(DatagramBufferSize, pinned: true);
        var address = new SocketAddress(_socket.AddressFamily);
        var scratch = new SipMessageIndex();
        var template = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, address, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                // An ICMP port-unreachable for an earlier send is reported on the next receive; it says nothing
                // about this socket, which keeps serving.
                continue;
            }
            catch (Exception e) when (e is ObjectDisposedException || e is SocketException { SocketErrorCode: SocketError.OperationAborted })
            {
                // The socket was closed under the pending receive: the transport is stopping.
                break;
            }

            try
            {
                var source = new SipEndPoint(SipTransportProtocol.Udp, (IPEndPoint)template.Create(address));
                _dispatcher.Dispatch(buffer.AsSpan(0, received), isStream: false, scratch, source);
            }
            catch (Exception e)
            {
                // A bad message must never end the loop.
                SipTransportLog.ReceiveFailed(_logger, "UDP", e);
            }
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint destination, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendToAsync(datagram, SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new SipTransportException($"UDP send to {destination} failed: {e.SocketErrorCode}", e);
        }
    }

    public void Dispose() => _socket.Dispose();
}

using System.Net;
using System.Net.Sockets;
using Inbox.Sip.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Sip.Transport;

/// <summary>
/// Every socket the server speaks SIP on: one UDP socket and one TCP listener per configured address. Sending picks
/// the UDP socket of the destination's address family, or an open TCP connection to the destination (a new one
/// when there is none). Thread-safe.
/// </summary>
internal sealed class SipTransportLayer(
    IOptions<SipTransportOptions> options, SipTransportCounters counters, TimeProvider timeProvider, ILogger<SipTransportLayer> logger)
    : ISipTransport, IAsyncDisposable
{
    private readonly SipTransportOptions _options = options.Value;
    private readonly List<UdpSipChannel> _udp = [];
    private readonly List<SipTcpListener> _tcp = [];
    private readonly SipConnectionTable _connections = new();
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _stopping = new();
    private SipInboundDispatcher? _dispatcher;

    public IReadOnlyList<SipEndPoint> LocalEndPoints { get; private set; } = [];

    public SipTransportCounters Counters => counters;

    public int OpenConnections => _connections.Count;

    /// <summary>Binds every socket (a configured port in use fails here, at start-up) and starts the receive loops.</summary>
    public void Start(ISipMessageSink sink)
    {
        _dispatcher = new SipInboundDispatcher(sink, counters, _options.MaxMessageSize);
        var endPoints = BindAll();
        LocalEndPoints = endPoints;
        foreach (var endPoint in endPoints)
        {
            SipTransportLog.Listening(logger, endPoint.Protocol, endPoint.Address);
        }

        _loops.AddRange(_udp.Select(u => u.RunAsync(_stopping.Token)));
        _loops.AddRange(_tcp.Select(t => t.RunAsync(_stopping.Token)));
        _loops.Add(SweepIdleConnectionsAsync(_stopping.Token));
    }

    // Every socket shares one port. With Port 0 the first socket picks it, and another process may hold that number for
    // TCP (or on another address): then all are closed and picked again, rather than failing a start that asked for any port.
    private List<SipEndPoint> BindAll()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Bind(_dispatcher!);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && _options.Port == 0 && attempt < 10)
            {
                CloseSockets();
            }
        }
    }

    private void CloseSockets()
    {
        _tcp.ForEach(listener => listener.Dispose());
        _udp.ForEach(channel => channel.Dispose());
        _tcp.Clear();
        _udp.Clear();
    }

    private List<SipEndPoint> Bind(SipInboundDispatcher dispatcher)
    {
        var port = _options.Port;
        var endPoints = new List<SipEndPoint>();
        foreach (var address in _options.GetListenAddresses())
        {
            if (_options.EnableUdp)
            {
                var channel = new UdpSipChannel(new IPEndPoint(address, port), dispatcher, logger);
                _udp.Add(channel);
                port = channel.LocalEndPoint.Port;
                endPoints.Add(new SipEndPoint(SipTransportProtocol.Udp, channel.LocalEndPoint));
            }

            if (_options.EnableTcp)
            {
                var listener = new SipTcpListener(new IPEndPoint(address, port), dispatcher, _connections, _options, timeProvider, logger);
                _tcp.Add(listener);
                port = listener.LocalEndPoint.Port;
                endPoints.Add(new SipEndPoint(SipTransportProtocol.Tcp, listener.LocalEndPoint));
            }
        }

        return endPoints;
    }

    public async ValueTask SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken = default)
    {
        if (destination.Protocol == SipTransportProtocol.Udp)
        {
            await UdpFor(destination.Address).SendAsync(message.Bytes, destination.Address, cancellationToken).ConfigureAwait(false);
            return;
        }

        var connection = await GetOrConnectAsync(destination.Address, cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(message.Bytes, cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var listener in _tcp)
        {
            listener.Dispose();
        }

        foreach (var channel in _udp)
        {
            channel.Dispose();
        }

        await _connections.CloseAllAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private UdpSipChannel UdpFor(IPEndPoint destination) =>
        _udp.Find(u => u.LocalEndPoint.AddressFamily == destination.AddressFamily)
        ?? throw new SipTransportException($"No UDP socket for the address family of {destination}");

    private async ValueTask<SipTcpConnection> GetOrConnectAsync(IPEndPoint destination, CancellationToken cancellationToken)
    {
        if (_connections.TryGet(destination, out var existing))
        {
            return existing!;
        }

        var socket = new Socket(destination.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        timeout.CancelAfter(_options.TcpConnectTimeout);
        try
        {
            await socket.ConnectAsync(destination, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            throw new SipTransportException($"TCP connect to {destination} failed", e);
        }

        var connection = new SipTcpConnection(socket, _dispatcher!, _options.MaxMessageSize, timeProvider, logger);
        _connections.Add(connection);

        // The read loop ends on its own when the peer closes, the connection idles out, or the layer stops.
        _ = RunConnectionAsync(connection);
        return connection;
    }

    private async Task RunConnectionAsync(SipTcpConnection connection)
    {
        await connection.RunAsync(_stopping.Token).ConfigureAwait(false);
        _connections.Remove(connection);
    }

    private async Task SweepIdleConnectionsAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, _options.TcpIdleTimeout.Ticks / 4));
        using var timer = new PeriodicTimer(period, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await _connections.CloseIdleAsync(_options.TcpIdleTimeout).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

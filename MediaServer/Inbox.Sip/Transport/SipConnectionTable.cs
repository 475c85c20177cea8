using System.Collections.Concurrent;
using System.Net;

namespace Inbox.Sip.Transport;

/// <summary>Open TCP connections by remote end point, so responses and later requests reuse them (RFC 3261 §18).</summary>
internal sealed class SipConnectionTable
{
    private readonly ConcurrentDictionary<IPEndPoint, SipTcpConnection> _connections = new();

    public int Count => _connections.Count;

    public void Add(SipTcpConnection connection) => _connections[connection.RemoteEndPoint] = connection;

    public void Remove(SipTcpConnection connection) =>
        _connections.TryRemove(new KeyValuePair<IPEndPoint, SipTcpConnection>(connection.RemoteEndPoint, connection));

    public bool TryGet(IPEndPoint remote, out SipTcpConnection? connection)
    {
        if (_connections.TryGetValue(SipTcpConnection.Normalize(remote), out connection) && !connection.IsClosed)
        {
            return true;
        }

        connection = null;
        return false;
    }

    /// <summary>Closes connections idle for longer than <paramref name="idleTimeout"/>.</summary>
    public async ValueTask CloseIdleAsync(TimeSpan idleTimeout)
    {
        foreach (var connection in _connections.Values)
        {
            if (connection.IdleTime >= idleTimeout || connection.IsClosed)
            {
                Remove(connection);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask CloseAllAsync()
    {
        foreach (var connection in _connections.Values)
        {
            Remove(connection);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}

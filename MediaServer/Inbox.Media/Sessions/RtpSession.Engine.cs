using Inbox.Media.Transport;

namespace Inbox.Media.Sessions;

/// <summary>Receiving under a receive engine (batched epoll or io_uring, Linux) instead of <see cref="RunAsync"/>.</summary>
internal sealed partial class RtpSession
{
    private IRtpReceiveEngine? _engine;

    /// <summary>The leg's sockets, for a receive engine to watch; the session still owns them.</summary>
    internal RtpSocketPair Sockets => _sockets;

    /// <summary>
    /// Receives this session's datagrams on <paramref name="engine"/>'s workers from now on, instead of
    /// <see cref="RunAsync"/> (do not call both). <see cref="Dispose"/> unregisters before it closes the sockets.
    /// Call once, from call control; not concurrently with <see cref="Dispose"/>.
    /// </summary>
    public void Attach(IRtpReceiveEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (Interlocked.CompareExchange(ref _engine, engine, null) is not null)
        {
            throw new InvalidOperationException("The session is already attached to a receive engine.");
        }

        try
        {
            engine.Register(this);
        }
        catch
        {
            Volatile.Write(ref _engine, null);
            throw;
        }
    }

    // Unregistered before the sockets close, so a worker never reads an fd that may already belong to another socket.
    private void Detach() => Interlocked.Exchange(ref _engine, null)?.Unregister(this);
}

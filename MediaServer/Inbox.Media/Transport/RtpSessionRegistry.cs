using Inbox.Media.Sessions;

namespace Inbox.Media.Transport;

/// <summary>
/// Which worker reads which session's sockets, for the engines that spread sessions over a few threads (batched
/// epoll, io_uring): a new session goes to the least-loaded worker, with its RTP and (unless muxed) RTCP socket.
/// Thread-safe.
/// </summary>
internal sealed class RtpSessionRegistry<TWorker>(TWorker[] workers)
    where TWorker : class, IRtpEngineWorker
{
    private readonly Dictionary<RtpSession, Registration> _registrations = [];
    private readonly Lock _gate = new();
    private bool _closed;

    public void Register(RtpSession session, object engine)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, engine);
            if (_registrations.ContainsKey(session))
            {
                throw new InvalidOperationException("The session is already registered.");
            }

            var worker = LeastLoaded();
            var rtp = worker.Add(session, session.Sockets.Rtp, isRtcp: false);
            var rtcp = -1;
            if (session.Sockets.Rtcp is { } rtcpSocket)
            {
                try
                {
                    rtcp = worker.Add(session, rtcpSocket, isRtcp: true);
                }
                catch
                {
                    worker.Remove(rtp);
                    throw;
                }
            }

            _registrations.Add(session, new Registration(worker, rtp, rtcp));
        }
    }

    public bool Unregister(RtpSession session)
    {
        lock (_gate)
        {
            if (!_registrations.Remove(session, out var registration))
            {
                return false;
            }

            if (_closed)
            {
                // The workers have stopped and every receive has ended: nothing left to stop.
                return true;
            }

            registration.Worker.Remove(registration.RtpSlot);
            if (registration.RtcpSlot >= 0)
            {
                registration.Worker.Remove(registration.RtcpSlot);
            }

            return true;
        }
    }

    /// <summary>Refuses new sessions from now on; false if it was already closed.</summary>
    public bool Close()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _closed = true;
            return true;
        }
    }

    private TWorker LeastLoaded()
    {
        var best = workers[0];
        foreach (var worker in workers)
        {
            if (worker.SocketCount < best.SocketCount)
            {
                best = worker;
            }
        }

        return best;
    }

    private readonly record struct Registration(TWorker Worker, int RtpSlot, int RtcpSlot);
}

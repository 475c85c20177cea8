using Inbox.Media.Sessions;

namespace Inbox.Media.Transport;

/// <summary>
/// Receives for many sessions on a few dedicated threads instead of <see cref="RtpSession.RunAsync"/> per session:
/// the batched epoll engine (<c>Batching/RtpReceiveEngine</c>) and the io_uring engine (<c>Ring/RtpRingEngine</c>).
/// Both are thread-safe; once <see cref="Unregister"/> returns, no datagram of that session is delivered.
/// </summary>
internal interface IRtpReceiveEngine
{
    /// <summary>Starts receiving for the session's sockets; prefer <see cref="RtpSession.Attach"/>.</summary>
    void Register(RtpSession session);

    /// <summary>Stops receiving for the session; false if it was not registered.</summary>
    bool Unregister(RtpSession session);
}

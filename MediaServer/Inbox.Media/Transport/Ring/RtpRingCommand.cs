using System.Net.Sockets;
using Inbox.Media.Sessions;

namespace Inbox.Media.Transport.Ring;

/// <summary>
/// A registration change posted to a <see cref="RtpRingWorker"/> from another thread: the ring is single-issuer, so
/// only its thread may arm or cancel receives. Control path only (one allocation per call set-up, not per packet).
/// </summary>
internal sealed class RtpRingCommand(RtpRingCommandKind kind, RtpSession? session, Socket? socket, bool isRtcp, int slot)
{
    public RtpRingCommandKind Kind => kind;

    public RtpSession? Session => session;

    public Socket? Socket => socket;

    public bool IsRtcp => isRtcp;

    /// <summary>The slot to remove, or the slot added once <see cref="Done"/> is set.</summary>
    public int Slot { get; set; } = slot;

    public Exception? Error { get; set; }

    public ManualResetEventSlim Done { get; } = new();
}

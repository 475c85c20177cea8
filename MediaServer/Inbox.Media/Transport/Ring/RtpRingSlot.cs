using System.Net.Sockets;
using Inbox.Media.Sessions;

namespace Inbox.Media.Transport.Ring;

/// <summary>
/// One registered socket of a <see cref="RtpRingWorker"/>. The socket's handle is referenced (DangerousAddRef) from
/// registration until the multishot receive on it has ended, so its fd number cannot be reused by another socket
/// while the ring may still be given it. Owned by the worker thread.
/// </summary>
internal struct RtpRingSlot
{
    public RtpSession? Session;
    public SafeSocketHandle? Handle;
    public int Fd;
    public bool IsRtcp;
    public AddressFamily Family;
    public uint Generation;
    public bool Armed;
    public bool Removing;
    public bool NeedsArm;
    public int Failures;
    public RtpRingCommand? PendingRemove;
    public int NextFree;
}

using System.Net.Sockets;
using Inbox.Media.Sessions;

namespace Inbox.Media.Transport.Batching;

/// <summary>
/// One registered socket of a <see cref="RtpReceiveWorker"/>: whose it is and how to deliver its datagrams. The
/// generation, carried in the epoll data with the slot index, tells a stale event (for a socket removed since the
/// wait returned) from a live one. Owned by its worker and only touched under the worker's gate.
/// </summary>
internal struct RtpReceiveSlot
{
    public RtpSession? Session;
    public int Fd;
    public bool IsRtcp;
    public AddressFamily Family;
    public uint Generation;
    public int NextFree;
}

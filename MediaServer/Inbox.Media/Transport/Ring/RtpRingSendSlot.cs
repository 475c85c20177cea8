using System.Runtime.InteropServices;
using Inbox.Media.Transport.Batching;

namespace Inbox.Media.Transport.Ring;

/// <summary>
/// The native part of one queued send: the msghdr a SENDMSG entry points to, its single iovec (over the slot's copy
/// of the packet) and the destination address. It must stay put until the send's completion, since a send the
/// kernel cannot finish at once (a full socket buffer) is retried later from these. Blittable; Linux only.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RtpRingSendSlot
{
    public MsgHdr Header;
    public IoVec Vector;
    public SockAddrStorage Address;
}

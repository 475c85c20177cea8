using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Ring;

/// <summary>
/// struct io_uring_recvmsg_out: the header a multishot RECVMSG writes at the start of each provided buffer, followed
/// by the source address (as much room as the template msghdr's msg_namelen), the control data (msg_controllen) and
/// the payload. NameLength and PayloadLength are the real lengths even when truncated (then Flags has MSG_TRUNC).
/// Blittable; Linux only.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IOUringRecvMsgOut
{
    public uint NameLength;
    public uint ControlLength;
    public uint PayloadLength;
    public int Flags;
}

using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Batching;

/// <summary>
/// struct msghdr (recvmsg(2)) with glibc's layout: natural alignment gives the padding after msg_namelen and
/// msg_flags on 64-bit targets (56 bytes there). Blittable; Linux only.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

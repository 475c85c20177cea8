using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Batching;

/// <summary>
/// struct mmsghdr (recvmmsg(2), sendmmsg(2)): one message header plus the bytes the kernel received or sent for it.
/// Blittable; Linux only.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MMsgHdr
{
    public MsgHdr Header;
    public uint Length;
}

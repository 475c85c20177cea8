using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Ring;

/// <summary>struct io_uring_buf_reg: the argument of IORING_REGISTER_PBUF_RING, 40 bytes. Blittable; Linux only.</summary>
[StructLayout(LayoutKind.Sequential, Size = 40)]
internal struct IOUringBufReg
{
    public ulong RingAddress;
    public uint RingEntries;
    public ushort BufferGroup;
    public ushort Flags;
}

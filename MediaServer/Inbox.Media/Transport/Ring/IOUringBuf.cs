using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Ring;

/// <summary>
/// struct io_uring_buf: one entry of a provided-buffer ring (IORING_REGISTER_PBUF_RING). The reserved field of the
/// first entry doubles as the ring's tail (struct io_uring_buf_ring). Blittable; Linux only.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IOUringBuf
{
    public ulong Address;
    public uint Length;
    public ushort BufferId;
    public ushort Reserved;
}

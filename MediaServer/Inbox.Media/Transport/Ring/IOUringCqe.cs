using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Ring;

/// <summary>struct io_uring_cqe: one 16-byte completion (no CQE32). Blittable; Linux only.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IOUringCqe
{
    public ulong UserData;
    public int Result;
    public uint Flags;
}

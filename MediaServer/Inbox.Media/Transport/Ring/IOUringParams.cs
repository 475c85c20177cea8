using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Ring;

/// <summary>
/// struct io_uring_params (io_uring_setup(2)): 120 bytes, in and out. The ring offsets are flattened here rather
/// than nested structs: sq_off (struct io_sqring_offsets) at 40, cq_off (struct io_cqring_offsets) at 80.
/// Blittable; Linux only.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 120)]
internal struct IOUringParams
{
    public uint SqEntries;
    public uint CqEntries;
    public uint Flags;
    public uint SqThreadCpu;
    public uint SqThreadIdle;
    public uint Features;
    public uint WqFd;
    public uint Reserved0;
    public uint Reserved1;
    public uint Reserved2;

    // struct io_sqring_offsets
    public uint SqHead;
    public uint SqTail;
    public uint SqRingMask;
    public uint SqRingEntries;
    public uint SqFlags;
    public uint SqDropped;
    public uint SqArray;
    public uint SqReserved;
    public ulong SqUserAddress;

    // struct io_cqring_offsets
    public uint CqHead;
    public uint CqTail;
    public uint CqRingMask;
    public uint CqRingEntries;
    public uint CqOverflow;
    public uint Cqes;
    public uint CqFlags;
    public uint CqReserved;
    public ulong CqUserAddress;
}

using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Batching;

/// <summary>
/// struct epoll_event on architectures without the x86 packing (arm64 and others): 16 bytes, the data at offset 8.
/// Blittable; Linux only.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EpollEventAligned
{
    public uint Events;
    public ulong Data;
}

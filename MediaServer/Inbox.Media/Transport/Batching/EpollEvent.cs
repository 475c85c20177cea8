using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Batching;

/// <summary>
/// struct epoll_event (epoll_ctl(2)) as the kernel lays it out on x86 and x86-64, where it is declared
/// <c>__attribute__((packed))</c>: 12 bytes, the 64-bit data at offset 4. Other architectures use
/// <see cref="EpollEventAligned"/>; <see cref="Epoll"/> picks one at run time. Blittable; Linux only.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct EpollEvent
{
    public uint Events;
    public ulong Data;
}

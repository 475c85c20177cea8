using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Batching;

/// <summary>struct iovec (readv(2)): one buffer of a scatter/gather list. Blittable; Linux only.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}

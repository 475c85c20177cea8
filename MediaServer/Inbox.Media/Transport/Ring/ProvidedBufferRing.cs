using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Ring;

/// <summary>
/// A provided-buffer ring (IORING_REGISTER_PBUF_RING, 5.19): <see cref="Count"/> buffers of <see cref="BufferSize"/>
/// bytes in one native allocation that the kernel picks from for multishot receives, and the ring through which they
/// are handed back. Returns are batched: <see cref="Return"/> writes an entry, <see cref="Publish"/> moves the tail
/// once per loop iteration. Single-threaded (the ring's owner). Linux only.
/// </summary>
internal sealed unsafe class ProvidedBufferRing : IDisposable
{
    private const nuint PageSize = 4096;

    private readonly IOUringBuf* _ring;
    private readonly byte* _buffers;
    private readonly ushort _mask;
    private ushort _tail;
    private bool _freed;

    public ProvidedBufferRing(IOUring ring, ushort group, int count, int bufferSize)
    {
        if (count is < 1 or > 32768 || (count & (count - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "A power of two up to 32768 (io_uring_register(2)).");
        }

        Group = group;
        Count = count;
        BufferSize = bufferSize;
        _mask = (ushort)(count - 1);

        // The ring must be page aligned when the application allocates it (io_uring_register_buf_ring(3)).
        _ring = (IOUringBuf*)NativeMemory.AlignedAlloc((nuint)(count * sizeof(IOUringBuf)), PageSize);
        _buffers = (byte*)NativeMemory.AlignedAlloc((nuint)count * (nuint)bufferSize, PageSize);
        NativeMemory.Clear(_ring, (nuint)(count * sizeof(IOUringBuf)));
        var registration = new IOUringBufReg { RingAddress = (ulong)_ring, RingEntries = (uint)count, BufferGroup = group };
        if (IOUringNative.Register(ring.Fd, IOUringNative.RegisterPbufRing, &registration, 1) < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            Free();
            throw new SocketException(error);
        }

        for (var i = 0; i < count; i++)
        {
            Return((ushort)i);
        }

        Publish();
    }

    public ushort Group { get; }

    public int Count { get; }

    public int BufferSize { get; }

    public byte* BufferAt(int id) => _buffers + ((nint)id * BufferSize);

    /// <summary>Hands buffer <paramref name="id"/> back; the kernel sees it after the next <see cref="Publish"/>.</summary>
    public void Return(ushort id)
    {
        ref var entry = ref _ring[_tail & _mask];
        entry.Address = (ulong)BufferAt(id);
        entry.Length = (uint)BufferSize;
        entry.BufferId = id;
        _tail++;
    }

    /// <summary>Publishes the returned buffers: one release store of the tail (struct io_uring_buf_ring).</summary>
    public void Publish() => Volatile.Write(ref _ring[0].Reserved, _tail);

    /// <summary>
    /// Frees the memory. Call only once the ring that uses it is closed and idle: the kernel may write into a
    /// buffer until every receive that selected from this group has completed.
    /// </summary>
    public void Dispose() => Free();

    private void Free()
    {
        if (_freed)
        {
            return;
        }

        _freed = true;
        NativeMemory.AlignedFree(_ring);
        NativeMemory.AlignedFree(_buffers);
    }
}

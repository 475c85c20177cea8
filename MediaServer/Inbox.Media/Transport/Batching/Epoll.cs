using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Batching;

/// <summary>
/// One epoll instance (epoll(7)) and its preallocated event buffer. Level-triggered EPOLLIN: a socket left with
/// unread datagrams is reported again by the next wait, so a reader may stop after one batch for fairness.
/// <see cref="Add"/> and <see cref="Delete"/> may be called from any thread while another waits (epoll_ctl(2) is
/// safe concurrently with epoll_wait(2)); <see cref="Wait"/> and the event accessors belong to one thread.
/// Linux only.
/// </summary>
internal sealed unsafe class Epoll : IDisposable
{
    // x86 and x86-64 declare struct epoll_event packed (sys/epoll.h, EPOLL_PACKED); everything else aligns the data.
    private static readonly bool s_packed = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;
    private static readonly int s_eventSize = s_packed ? sizeof(EpollEvent) : sizeof(EpollEventAligned);

    private readonly byte[] _events;
    private readonly int _capacity;
    private int _fd;

    public Epoll(int capacity)
    {
        _fd = LibC.EpollCreate1(LibC.EpollCloexec);
        if (_fd < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        _capacity = capacity;
        _events = GC.AllocateArray<byte>(capacity * s_eventSize, pinned: true);
    }

    /// <summary>Watches <paramref name="fd"/> for input; <paramref name="data"/> comes back with each of its events.</summary>
    public void Add(int fd, ulong data)
    {
        var result = s_packed
            ? Control(LibC.EpollCtlAdd, fd, new EpollEvent { Events = LibC.EpollIn, Data = data })
            : Control(LibC.EpollCtlAdd, fd, new EpollEventAligned { Events = LibC.EpollIn, Data = data });
        if (result < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Stops watching <paramref name="fd"/>; false if it was not watched (or is already closed).</summary>
    public bool Delete(int fd)
    {
        // epoll_ctl(2), BUGS: kernels before 2.6.9 required a non-null event for EPOLL_CTL_DEL; later ones ignore it.
        return s_packed ? Control(LibC.EpollCtlDel, fd, default(EpollEvent)) == 0 : Control(LibC.EpollCtlDel, fd, default(EpollEventAligned)) == 0;
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMilliseconds"/> for ready sockets; returns how many events are in the buffer
    /// (0 on timeout or EINTR). Errors other than EINTR throw.
    /// </summary>
    public int Wait(int timeoutMilliseconds)
    {
        fixed (byte* events = _events)
        {
            var count = LibC.EpollWait(_fd, events, _capacity, timeoutMilliseconds);
            if (count >= 0)
            {
                return count;
            }
        }

        var error = Marshal.GetLastPInvokeError();
        return error == LibC.EIntr ? 0 : throw new SocketException(error);
    }

    /// <summary>The data registered for the <paramref name="index"/>th event of the last <see cref="Wait"/>.</summary>
    public ulong DataAt(int index)
    {
        ref var start = ref _events[index * s_eventSize];
        return s_packed ? Unsafe.ReadUnaligned<EpollEvent>(ref start).Data : Unsafe.ReadUnaligned<EpollEventAligned>(ref start).Data;
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = LibC.Close(fd);
        }
    }

    private int Control<T>(int operation, int fd, T epollEvent)
        where T : unmanaged => LibC.EpollCtl(_fd, operation, fd, &epollEvent);
}

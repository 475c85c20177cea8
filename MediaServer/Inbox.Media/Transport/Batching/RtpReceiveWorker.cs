using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Inbox.Media.Sessions;

namespace Inbox.Media.Transport.Batching;

/// <summary>
/// One receive thread's state: an epoll instance over its share of the media sockets and the buffers one
/// recvmmsg(2) batch fills, allocated and pinned once. <see cref="Add"/>, <see cref="Remove"/> and <see cref="Stop"/>
/// are thread-safe; <see cref="Run"/> and <see cref="PollOnce"/> belong to one thread at a time. Delivery to sessions
/// happens under the worker's gate, so once <see cref="Remove"/> returns the worker never touches that socket again.
/// Linux only.
/// </summary>
internal sealed unsafe partial class RtpReceiveWorker : IRtpEngineWorker, IDisposable
{
    /// <summary>Datagrams one recvmmsg(2) call may return for one socket.</summary>
    public const int BatchSize = 32;

    /// <summary>Bytes per datagram buffer: larger than any RTP packet that fits an Ethernet MTU.</summary>
    public const int DatagramSize = 2048;

    // Ready sockets one epoll_wait(2) may report: one wake-up serves up to this many sockets.
    private const int MaxEvents = 256;
    private const int NoSlot = -1;

    private readonly Epoll _epoll = new(MaxEvents);
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SocketAddress _sourceV4 = new(AddressFamily.InterNetwork);
    private readonly SocketAddress _sourceV6 = new(AddressFamily.InterNetworkV6);
    private readonly byte[] _buffers = GC.AllocateUninitializedArray<byte>(BatchSize * DatagramSize, pinned: true);
    private readonly IoVec[] _iovecs = GC.AllocateArray<IoVec>(BatchSize, pinned: true);
    private readonly SockAddrStorage[] _addresses = GC.AllocateArray<SockAddrStorage>(BatchSize, pinned: true);
    private readonly MMsgHdr[] _messages = GC.AllocateArray<MMsgHdr>(BatchSize, pinned: true);
    private RtpReceiveSlot[] _slots = new RtpReceiveSlot[16];
    private int _freeSlot = NoSlot;
    private int _usedSlots;
    private int _socketCount;
    private long _faults;
    private long _receiveErrors;
    private long _truncated;
    private volatile bool _stopping;

    // Written by the polling thread only, read racily for reports: plain increments keep the hot path free of atomics.
    private long _wakeUps;
    private long _reads;
    private long _datagrams;

    public RtpReceiveWorker()
    {
        // The headers point into the pinned arrays once and for all; each batch only resets the value-result fields.
        for (var i = 0; i < BatchSize; i++)
        {
            _iovecs[i].Base = Unsafe.AsPointer(ref _buffers[i * DatagramSize]);
            _iovecs[i].Length = DatagramSize;
            _messages[i].Header.Name = Unsafe.AsPointer(ref _addresses[i]);
            _messages[i].Header.Iov = (IoVec*)Unsafe.AsPointer(ref _iovecs[i]);
            _messages[i].Header.IovLength = 1;
        }
    }

    /// <summary>Sockets registered; the engine puts new sessions on the worker with the fewest.</summary>
    public int SocketCount => Volatile.Read(ref _socketCount);

    /// <summary>Handler exceptions caught (the packet is lost, the loop goes on).</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>recvmmsg(2) failures other than "nothing to read".</summary>
    public long ReceiveErrors => Interlocked.Read(ref _receiveErrors);

    /// <summary>Datagrams larger than <see cref="DatagramSize"/>, dropped (MSG_TRUNC).</summary>
    public long Truncated => Interlocked.Read(ref _truncated);

    /// <summary>
    /// Wake-ups that found ready sockets, recvmmsg(2) calls that returned datagrams, and datagrams received: the
    /// batching actually achieved (sockets per wake-up, datagrams per call). Approximate while the worker runs.
    /// </summary>
    public (long WakeUps, long Reads, long Datagrams) Batching => (Volatile.Read(ref _wakeUps), Volatile.Read(ref _reads), Volatile.Read(ref _datagrams));

    /// <summary>Completes when <see cref="Run"/> returns.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Watches <paramref name="socket"/> and delivers its datagrams to <paramref name="session"/>; returns the slot.</summary>
    public int Add(RtpSession session, Socket socket, bool isRtcp)
    {
        // recvmmsg is called with MSG_DONTWAIT anyway; non-blocking also keeps the session's synchronous sends from
        // ever stalling this thread on a full send buffer (they fail, are counted, and the packet is dropped).
        socket.Blocking = false;
        var fd = (int)socket.Handle;
        lock (_gate)
        {
            var slot = TakeSlot();
            ref var entry = ref _slots[slot];
            entry.Session = session;
            entry.Fd = fd;
            entry.IsRtcp = isRtcp;
            entry.Family = socket.AddressFamily;
            try
            {
                _epoll.Add(fd, ((ulong)entry.Generation << 32) | (uint)slot);
            }
            catch
            {
                ReleaseSlot(slot);
                throw;
            }

            _socketCount++;
            return slot;
        }
    }

    /// <summary>Stops watching the socket in <paramref name="slot"/>; after return no datagram of it is delivered.</summary>
    public void Remove(int slot)
    {
        lock (_gate)
        {
            // EPOLL_CTL_DEL first: no later wait reports the fd. Events already returned carry the old generation.
            _ = _epoll.Delete(_slots[slot].Fd);
            ReleaseSlot(slot);
            _socketCount--;
        }
    }

    /// <summary>Asks <see cref="Run"/> to return within one wait timeout.</summary>
    public void Stop() => _stopping = true;

    public void Dispose() => _epoll.Dispose();

    private int TakeSlot()
    {
        if (_freeSlot != NoSlot)
        {
            var free = _freeSlot;
            _freeSlot = _slots[free].NextFree;
            return free;
        }

        if (_usedSlots == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        return _usedSlots++;
    }

    private void ReleaseSlot(int slot)
    {
        ref var entry = ref _slots[slot];
        entry.Session = null;
        entry.Fd = -1;
        entry.Generation++;
        entry.NextFree = _freeSlot;
        _freeSlot = slot;
    }

    private SocketAddress SourceFor(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? _sourceV6 : _sourceV4;

    private static int LastError() => Marshal.GetLastPInvokeError();
}

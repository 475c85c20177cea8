using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Inbox.Media.Sessions;
using Inbox.Media.Transport.Batching;

namespace Inbox.Media.Transport.Ring;

/// <summary>
/// One ring thread's state: an io_uring instance with a multishot RECVMSG armed on each of its sockets, a
/// provided-buffer ring those receives fill, and a pool of send slots through which the relay's sends leave as
/// SENDMSG entries. One io_uring_enter(2) per loop iteration submits the sends and re-arms queued during the previous
/// batch and collects the next batch of completions. The ring is created by, and belongs to, the thread that
/// constructs the worker (IORING_SETUP_SINGLE_ISSUER, DEFER_TASKRUN); <see cref="Add"/> and <see cref="Remove"/>
/// from other threads are posted to it and wait for it. Linux 6.0 or later.
/// </summary>
internal sealed unsafe partial class RtpRingWorker : IRtpEngineWorker, IDisposable
{
    /// <summary>Submission queue entries: re-arms, cancels and the sends of one batch.</summary>
    public const int SubmissionEntries = 1024;

    /// <summary>Completion queue entries; the kernel keeps any overflow (IORING_FEAT_NODROP) until the next enter.</summary>
    public const int CompletionEntries = 8192;

    /// <summary>Provided receive buffers per worker; all are handed back at the end of each batch.</summary>
    public const int ReceiveBuffers = 2048;

    /// <summary>Bytes per receive buffer: the recvmsg header, the source address and up to 2000 bytes of payload.</summary>
    public const int ReceiveBufferSize = 2048;

    /// <summary>Sends in flight per worker; beyond that a send falls back to a direct sendto(2).</summary>
    public const int SendSlots = 2048;

    /// <summary>Largest packet a queued send carries (larger ones are sent directly).</summary>
    public const int SendDataSize = 2048;

    // Room reserved for the source address in each receive buffer: a sockaddr_in6 (28 bytes), rounded up.
    private const int NameRoom = 32;
    private const int NoSlot = -1;
    private const ushort BufferGroup = 0;

    // User data: the kind in the top bits, then a slot generation and index for receives, a slot index for sends.
    private const ulong KindShift = 60;
    private const ulong KindReceive = 0;
    private const ulong KindSend = 1;
    private const ulong KindWake = 2;
    private const ulong KindCancel = 3;

    [ThreadStatic]
    private static RtpRingWorker? s_current;

    private readonly IOUring _ring;
    private readonly ProvidedBufferRing _buffers;
    private readonly int _ownerThread = Environment.CurrentManagedThreadId;
    private readonly ConcurrentQueue<RtpRingCommand> _commands = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SocketAddress _sourceV4 = new(AddressFamily.InterNetwork);
    private readonly SocketAddress _sourceV6 = new(AddressFamily.InterNetworkV6);
    private readonly MsgHdr* _receiveTemplate;
    private readonly ulong* _wakeBuffer;
    private readonly RtpRingSendSlot* _sendSlots;
    private readonly byte* _sendData;
    private readonly RtpSession?[] _sendSessions = new RtpSession?[SendSlots];
    private readonly int[] _sendOctets = new int[SendSlots];
    private readonly int[] _sendFree = new int[SendSlots];
    private readonly SafeSocketHandle?[] _held;
    private readonly int _eventFd;
    private RtpRingSlot[] _slots = new RtpRingSlot[16];
    private int _sendFreeCount;
    private uint _heldStart;
    private int _freeSlot = NoSlot;
    private int _usedSlots;
    private int _socketCount;
    private int _inFlight;
    private int _armBacklog;
    private bool _wakeArmed;
    private bool _draining;
    private bool _drained;
    private volatile bool _stopping;

    // Written by the ring thread only, read racily for reports: plain increments keep the hot path free of atomics.
    private long _completions;
    private long _datagrams;
    private long _sends;
    private long _sendFallbacks;
    private long _noBuffers;
    private long _rearms;
    private long _faults;
    private long _receiveErrors;
    private long _truncated;

    public RtpRingWorker()
    {
        _ring = CreateRing();
        _held = new SafeSocketHandle?[_ring.SqEntries];
        _eventFd = IOUringNative.EventFd(0, IOUringNative.EfdCloexec | IOUringNative.EfdNonblock);
        if (_eventFd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            _ring.Dispose();
            throw new SocketException(error);
        }

        try
        {
            _buffers = new ProvidedBufferRing(_ring, BufferGroup, ReceiveBuffers, ReceiveBufferSize);
        }
        catch
        {
            _ = IOUringNative.Close(_eventFd);
            _ring.Dispose();
            throw;
        }

        _receiveTemplate = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _receiveTemplate->NameLength = NameRoom;
        _wakeBuffer = (ulong*)NativeMemory.AllocZeroed(sizeof(ulong));
        _sendSlots = (RtpRingSendSlot*)NativeMemory.AllocZeroed((nuint)(SendSlots * sizeof(RtpRingSendSlot)));
        _sendData = (byte*)NativeMemory.Alloc((nuint)SendSlots * SendDataSize);
        for (var i = 0; i < SendSlots; i++)
        {
            // The headers point into the native arrays once and for all; a send only sets the two lengths.
            var slot = _sendSlots + i;
            slot->Vector.Base = _sendData + ((nint)i * SendDataSize);
            slot->Header.Name = &slot->Address;
            slot->Header.Iov = &slot->Vector;
            slot->Header.IovLength = 1;
            _sendFree[i] = SendSlots - 1 - i;
        }

        _sendFreeCount = SendSlots;
        ArmWake();
    }

    /// <summary>The worker whose ring thread is running the caller, if any: its sends are queued on the ring.</summary>
    internal static RtpRingWorker? Current => s_current;

    /// <summary>Sockets registered; the engine puts new sessions on the worker with the fewest.</summary>
    public int SocketCount => Volatile.Read(ref _socketCount);

    /// <summary>Completes when <see cref="Run"/> returns.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Handler exceptions, receive errors other than "no buffer", and truncated datagrams.</summary>
    public (long Faults, long ReceiveErrors, long Truncated) Errors => (Volatile.Read(ref _faults), Volatile.Read(ref _receiveErrors), Volatile.Read(ref _truncated));

    /// <summary>
    /// io_uring_enter(2) calls, completions reaped, datagrams delivered, sends queued on the ring, sends that fell
    /// back to sendto(2), receives that ran out of provided buffers, and receive re-arms. Approximate while running.
    /// </summary>
    public RtpRingCounters Counters => new(_ring.Enters, Volatile.Read(ref _completions), Volatile.Read(ref _datagrams),
        Volatile.Read(ref _sends), Volatile.Read(ref _sendFallbacks), Volatile.Read(ref _noBuffers), Volatile.Read(ref _rearms));

    /// <summary>Asks <see cref="Run"/> to return: it cancels what is in flight and waits for it first.</summary>
    public void Stop()
    {
        _stopping = true;
        Wake();
    }

    public void Dispose()
    {
        if (!_drained && IsOwnerThread)
        {
            Drain();
        }

        _ = IOUringNative.Close(_eventFd);
        _ring.Dispose();
        if (_drained)
        {
            // Only once nothing is in flight: until a receive completes the kernel may still write into its buffer.
            // Otherwise the memory is leaked on purpose (a few MB, at shutdown only).
            _buffers.Dispose();
            NativeMemory.Free(_sendSlots);
            NativeMemory.Free(_sendData);
            NativeMemory.Free(_receiveTemplate);
            NativeMemory.Free(_wakeBuffer);
        }
    }

    private bool IsOwnerThread => Environment.CurrentManagedThreadId == _ownerThread;

    // DEFER_TASKRUN (6.1) runs completion work only inside our io_uring_enter, so a batch is collected in one call and
    // nothing interrupts the loop; SINGLE_ISSUER is its prerequisite. Older kernels get a plain ring. No SQPOLL: a
    // polling kernel thread per ring cost 2-3x the CPU per packet here (docs/benchmarks.md, "io_uring engine").
    private static IOUring CreateRing()
    {
        var flags = IOUringNative.SetupSubmitAll | IOUringNative.SetupSingleIssuer | IOUringNative.SetupDeferTaskRun;
        try
        {
            return new IOUring(SubmissionEntries, CompletionEntries, flags);
        }
        catch (SocketException e) when (e.ErrorCode == IOUringNative.EInval)
        {
            return new IOUring(SubmissionEntries, CompletionEntries, IOUringNative.SetupCoopTaskRun);
        }
    }

    private static ulong ReceiveData(int slot, uint generation) => (KindReceive << (int)KindShift) | ((ulong)(generation & 0x0FFFFFFF) << 32) | (uint)slot;
}

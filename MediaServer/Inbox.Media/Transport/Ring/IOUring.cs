using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Ring;

/// <summary>
/// One io_uring instance (io_uring(7)): the ring fd, the shared submission and completion rings mapped into this
/// process, and the bookkeeping of entries filled but not yet submitted. The submission queue array is filled with
/// the identity mapping once, so an entry's index is its position. Single-threaded: everything here belongs to the
/// thread that created the ring (IORING_SETUP_SINGLE_ISSUER). Linux only.
/// </summary>
internal sealed unsafe class IOUring : IDisposable
{
    private readonly uint* _sqHead;
    private readonly uint* _sqTail;
    private readonly uint _sqMask;
    private readonly uint _sqEntries;
    private readonly IOUringSqe* _sqes;
    private readonly uint* _cqHead;
    private readonly uint* _cqTail;
    private readonly uint _cqMask;
    private readonly IOUringCqe* _cqes;
    private readonly void* _sqRing;
    private readonly nuint _sqRingSize;
    private readonly void* _cqRing;
    private readonly nuint _cqRingSize;
    private readonly nuint _sqesSize;
    private uint _sqLocalTail;
    private uint _cqLocalHead;
    private long _enters;
    private int _fd;

    /// <param name="entries">Submission queue size (a power of two).</param>
    /// <param name="completionEntries">Completion queue size (a power of two, at least <paramref name="entries"/>).</param>
    /// <param name="flags">IORING_SETUP_* flags; <see cref="IOUringNative.SetupCqSize"/> is added.</param>
    public IOUring(uint entries, uint completionEntries, uint flags)
    {
        var parameters = default(IOUringParams);
        parameters.Flags = flags | IOUringNative.SetupCqSize;
        parameters.CqEntries = completionEntries;
        _fd = IOUringNative.Setup(entries, &parameters);
        if (_fd < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        try
        {
            Features = parameters.Features;
            _sqRingSize = parameters.SqArray + (parameters.SqEntries * sizeof(uint));
            _cqRingSize = parameters.Cqes + (parameters.CqEntries * (uint)sizeof(IOUringCqe));
            _sqesSize = parameters.SqEntries * (uint)sizeof(IOUringSqe);
            if ((Features & IOUringNative.FeatSingleMmap) != 0)
            {
                // One mapping serves both rings since 5.4 (IORING_FEAT_SINGLE_MMAP).
                _sqRingSize = _cqRingSize = Math.Max(_sqRingSize, _cqRingSize);
                _sqRing = Map(_sqRingSize, IOUringNative.OffSqRing);
                _cqRing = _sqRing;
            }
            else
            {
                _sqRing = Map(_sqRingSize, IOUringNative.OffSqRing);
                _cqRing = Map(_cqRingSize, IOUringNative.OffCqRing);
            }

            _sqes = (IOUringSqe*)Map(_sqesSize, IOUringNative.OffSqes);
            var sq = (byte*)_sqRing;
            _sqHead = (uint*)(sq + parameters.SqHead);
            _sqTail = (uint*)(sq + parameters.SqTail);
            _sqMask = *(uint*)(sq + parameters.SqRingMask);
            _sqEntries = *(uint*)(sq + parameters.SqRingEntries);
            var array = (uint*)(sq + parameters.SqArray);
            for (uint i = 0; i < _sqEntries; i++)
            {
                array[i] = i;
            }

            var cq = (byte*)_cqRing;
            _cqHead = (uint*)(cq + parameters.CqHead);
            _cqTail = (uint*)(cq + parameters.CqTail);
            _cqMask = *(uint*)(cq + parameters.CqRingMask);
            _cqes = (IOUringCqe*)(cq + parameters.Cqes);
            _sqLocalTail = *_sqTail;
            _cqLocalHead = *_cqHead;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Fd => _fd;

    /// <summary>Submission queue size the kernel granted.</summary>
    public uint SqEntries => _sqEntries;

    /// <summary>IORING_FEAT_* bits the kernel reported.</summary>
    public uint Features { get; }

    /// <summary>The position the next entry from <see cref="NextSqe"/> takes (entries are consumed in order).</summary>
    public uint SqTail => _sqLocalTail;

    /// <summary>Entries filled since the last <see cref="Submit"/>.</summary>
    public uint Pending { get; private set; }

    /// <summary>io_uring_enter(2) calls made; read racily for reports.</summary>
    public long Enters => Volatile.Read(ref _enters);

    /// <summary>True when no submission entry is free until the next <see cref="Submit"/>.</summary>
    public bool IsFull => _sqLocalTail - Volatile.Read(ref *_sqHead) >= _sqEntries;

    /// <summary>
    /// The next submission entry, zeroed, or null when the queue is full. It is published (the tail moves) at once;
    /// the kernel reads it at the next <see cref="Submit"/>.
    /// </summary>
    public IOUringSqe* NextSqe()
    {
        if (IsFull)
        {
            return null;
        }

        var sqe = _sqes + (_sqLocalTail & _sqMask);
        *sqe = default;
        return sqe;
    }

    /// <summary>Makes the entry returned by <see cref="NextSqe"/> visible to the kernel.</summary>
    public void Commit()
    {
        _sqLocalTail++;
        Pending++;

        // Release: the entry's contents are visible before the kernel sees the new tail (io_uring(7), "Submission").
        Volatile.Write(ref *_sqTail, _sqLocalTail);
    }

    /// <summary>
    /// Submits the pending entries and, when <paramref name="minComplete"/> is above zero, waits until that many
    /// completions are ready. Returns the entries the kernel consumed (they may be reused and their files are held by
    /// the kernel from then on), or -errno; EINTR is reported as 0 consumed.
    /// </summary>
    public int Submit(uint minComplete)
    {
        var flags = minComplete > 0 ? IOUringNative.EnterGetEvents : 0;
        _enters++;
        var result = IOUringNative.Enter(_fd, Pending, minComplete, flags);
        if (result >= 0)
        {
            Pending -= (uint)result;
            return result;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == IOUringNative.EIntr ? 0 : -error;
    }

    /// <summary>Completions ready now; read them with <see cref="CqeAt"/> from <see cref="CqHead"/> on.</summary>
    public uint CqReady => Volatile.Read(ref *_cqTail) - _cqLocalHead;

    public uint CqHead => _cqLocalHead;

    public ref IOUringCqe CqeAt(uint position) => ref _cqes[position & _cqMask];

    /// <summary>Frees the completions up to <paramref name="head"/> for the kernel to reuse.</summary>
    public void AdvanceCq(uint head)
    {
        _cqLocalHead = head;
        Volatile.Write(ref *_cqHead, head);
    }

    /// <summary>Closes the ring (the kernel cancels what is still in flight) and unmaps it.</summary>
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd < 0)
        {
            return;
        }

        if (_sqes is not null)
        {
            _ = IOUringNative.Munmap(_sqes, _sqesSize);
        }

        if (_cqRing is not null && _cqRing != _sqRing)
        {
            _ = IOUringNative.Munmap(_cqRing, _cqRingSize);
        }

        if (_sqRing is not null)
        {
            _ = IOUringNative.Munmap(_sqRing, _sqRingSize);
        }

        _ = IOUringNative.Close(fd);
    }

    private void* Map(nuint size, long offset)
    {
        var address = IOUringNative.Mmap(null, size, IOUringNative.ProtRead | IOUringNative.ProtWrite,
            IOUringNative.MapShared | IOUringNative.MapPopulate, _fd, offset);
        return address == (void*)-1 ? throw new SocketException(Marshal.GetLastPInvokeError()) : address;
    }
}

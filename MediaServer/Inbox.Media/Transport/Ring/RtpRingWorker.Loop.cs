using System.Net.Sockets;
using Inbox.Media.Transport.Batching;

namespace Inbox.Media.Transport.Ring;

/// <summary>The ring loop: one io_uring_enter(2) per iteration, then every completion it collected.</summary>
internal sealed unsafe partial class RtpRingWorker
{
    /// <summary>The thread body: polls until <see cref="Stop"/>, then drains. A failing enter never ends the loop early.</summary>
    public void Run()
    {
        s_current = this;
        try
        {
            while (!_stopping)
            {
                try
                {
                    _ = PollCore();
                }
                catch (SocketException)
                {
                    // io_uring_enter(2) only fails here on a bug (EFAULT, EINVAL) or a closing ring: counted, and the
                    // loop re-checks the stop flag instead of spinning.
                    _receiveErrors++;
                    Thread.Sleep(100);
                }
            }

            Drain();
        }
        finally
        {
            s_current = null;
            _completion.TrySetResult();
        }
    }

    /// <summary>
    /// One iteration on the calling (owner) thread, for tests: submits what is queued, waits for at least one
    /// completion and handles all that are ready; returns the datagrams delivered. Allocates nothing.
    /// </summary>
    public int PollOnce()
    {
        var previous = s_current;
        s_current = this;
        try
        {
            return PollCore();
        }
        finally
        {
            s_current = previous;
        }
    }

    private int PollCore()
    {
        if (_armBacklog > 0)
        {
            ArmBacklog();
        }

        _buffers.Publish();
        var consumed = _ring.Submit(minComplete: 1);
        if (consumed < 0)
        {
            // EBUSY/EAGAIN: completions are backed up (overflow) or the kernel is short of memory; reaping frees them.
            if (consumed is not (-IOUringNative.EBusy) and not (-IOUringNative.EAgain))
            {
                throw new SocketException(-consumed);
            }
        }
        else
        {
            ReleaseHeld((uint)consumed);
        }

        return Reap();
    }

    private int Reap()
    {
        var head = _ring.CqHead;
        var ready = _ring.CqReady;
        var delivered = 0;
        for (uint i = 0; i < ready; i++)
        {
            ref var cqe = ref _ring.CqeAt(head + i);
            var data = cqe.UserData;
            switch (data >> (int)KindShift)
            {
                case KindReceive:
                    delivered += OnReceived((int)(uint)data, (uint)(data >> 32) & 0x0FFFFFFF, cqe.Result, cqe.Flags);
                    break;
                case KindSend:
                    OnSent((int)(uint)data, cqe.Result);
                    break;
                case KindWake:
                    _inFlight--;
                    _wakeArmed = false;
                    break;
                default:
                    _inFlight--;
                    break;
            }
        }

        _completions += ready;
        _ring.AdvanceCq(head + ready);
        _buffers.Publish();
        if (!_wakeArmed && !_draining)
        {
            ProcessCommands();
            ArmWake();
        }

        return delivered;
    }

    private int OnReceived(int index, uint generation, int result, uint flags)
    {
        ref var slot = ref _slots[index];
        var delivered = 0;
        if ((flags & IOUringNative.CqeBuffer) != 0)
        {
            var id = (ushort)(flags >> IOUringNative.CqeBufferShift);
            if (result > 0 && slot.Generation == generation && slot.Session is not null && !_draining)
            {
                Deliver(ref slot, _buffers.BufferAt(id));
                slot.Failures = 0;
                delivered = 1;
            }

            _buffers.Return(id);
        }
        else if (result < 0)
        {
            switch (-result)
            {
                case IOUringNative.ENoBufs:
                    // Every buffer was in use: the datagram stays queued in the socket; re-armed after this batch.
                    _noBuffers++;
                    break;
                case IOUringNative.ECanceled:
                    break;
                case IOUringNative.EConnRefused:
                    // An ICMP port-unreachable for an earlier send surfaces on the next receive; the socket is fine
                    // and the error is now consumed.
                    break;
                default:
                    _receiveErrors++;
                    slot.Failures++;
                    break;
            }
        }

        if ((flags & IOUringNative.CqeMore) == 0 && slot.Generation == generation)
        {
            // The multishot receive has ended (cancelled, out of buffers, or an error): re-arm or finish removal.
            slot.Armed = false;
            _inFlight--;
            if (slot.Removing || _draining)
            {
                Finish(index);
            }
            else if (slot.Session is not null && slot.Failures < 3)
            {
                // Three errors in a row with no datagram between them: the socket is broken; stop, do not spin.
                _rearms++;
                Arm(index);
            }
        }

        return delivered;
    }

    private void Deliver(ref RtpRingSlot slot, byte* buffer)
    {
        var header = (IOUringRecvMsgOut*)buffer;
        if ((header->Flags & LibC.MsgTrunc) != 0)
        {
            // Larger than the buffer: not RTP we can use (recvmsg(2), MSG_TRUNC in msg_flags).
            _truncated++;
            return;
        }

        // The kernel wrote a native sockaddr, which is what SocketAddress holds on Linux; Equals then matches the
        // latched address byte for byte, as with ReceiveFromAsync.
        var source = slot.Family == AddressFamily.InterNetworkV6 ? _sourceV6 : _sourceV4;
        var span = source.Buffer.Span;
        var nameLength = Math.Min((int)header->NameLength, Math.Min(NameRoom, span.Length));
        new ReadOnlySpan<byte>(buffer + sizeof(IOUringRecvMsgOut), nameLength).CopyTo(span);
        source.Size = nameLength;
        var datagram = new Span<byte>(buffer + sizeof(IOUringRecvMsgOut) + NameRoom, (int)header->PayloadLength);
        _datagrams++;
        try
        {
            if (slot.IsRtcp)
            {
                slot.Session!.OnRtcp(datagram, source, onRtpSocket: false);
            }
            else
            {
                slot.Session!.OnDatagram(datagram, source);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bad packet never kills the loop that serves every other session on this thread.
            _faults++;
        }
    }

    // Submits what is queued without waiting, when the submission queue fills in the middle of a batch.
    private void Flush()
    {
        _buffers.Publish();
        var consumed = _ring.Submit(minComplete: 0);
        if (consumed > 0)
        {
            ReleaseHeld((uint)consumed);
        }
    }

    // The kernel holds its own reference to each file from the moment it consumes the entry (io_uring_enter(2)).
    private void ReleaseHeld(uint consumed)
    {
        for (uint i = 0; i < consumed; i++)
        {
            ref var handle = ref _held[(int)((_heldStart + i) & (uint)(_held.Length - 1))];
            if (handle is not null)
            {
                handle.DangerousRelease();
                handle = null;
            }
        }

        _heldStart += consumed;
    }

    // An entry for a control operation; null only if the queue stays full after a flush (then the caller retries).
    private IOUringSqe* ControlSqe()
    {
        if (_ring.IsFull)
        {
            Flush();
        }

        return _ring.NextSqe();
    }

    private void ArmWake()
    {
        var sqe = ControlSqe();
        if (sqe is null)
        {
            return;
        }

        // A read of the eventfd completes when another thread posts a command or a stop (eventfd(2)).
        sqe->Opcode = IOUringNative.OpRead;
        sqe->Fd = _eventFd;
        sqe->Address = (ulong)_wakeBuffer;
        sqe->Length = sizeof(ulong);
        sqe->UserData = KindWake << (int)KindShift;
        _ring.Commit();
        _inFlight++;
        _wakeArmed = true;
    }

    private void Wake()
    {
        ulong one = 1;
        _ = IOUringNative.Write(_eventFd, &one, sizeof(ulong));
    }
}

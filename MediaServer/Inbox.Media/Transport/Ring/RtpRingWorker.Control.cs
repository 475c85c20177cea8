using System.Net.Sockets;
using Inbox.Media.Sessions;

namespace Inbox.Media.Transport.Ring;

/// <summary>Registration (posted to the ring thread), arming, removal and the final drain.</summary>
internal sealed unsafe partial class RtpRingWorker
{
    // A posted command waits for the ring thread at most this long: a stopped worker must not hang call control.
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Arms a multishot receive on <paramref name="socket"/> that delivers to <paramref name="session"/>; returns the
    /// slot. From another thread this waits for the ring thread (which must be running <see cref="Run"/>).
    /// </summary>
    public int Add(RtpSession session, Socket socket, bool isRtcp)
    {
        var command = new RtpRingCommand(RtpRingCommandKind.Add, session, socket, isRtcp, NoSlot);
        Execute(command);
        return command.Slot;
    }

    /// <summary>
    /// Stops the receive in <paramref name="slot"/>. From another thread this returns once the receive has ended, so
    /// no datagram of it is delivered and its socket may be closed; on the ring thread itself no datagram is
    /// delivered after return, and the socket's fd stays open (referenced) until the cancellation completes.
    /// </summary>
    public void Remove(int slot) => Execute(new RtpRingCommand(RtpRingCommandKind.Remove, null, null, false, slot));

    private void Execute(RtpRingCommand command)
    {
        if (IsOwnerThread)
        {
            Apply(command);
        }
        else
        {
            _commands.Enqueue(command);
            Wake();
            if (!command.Done.Wait(s_commandTimeout))
            {
                throw new TimeoutException("The RTP ring worker did not answer; is it running?");
            }
        }

        if (command.Error is { } error)
        {
            throw error;
        }
    }

    private void ProcessCommands()
    {
        while (_commands.TryDequeue(out var command))
        {
            Apply(command);
        }
    }

    private void Apply(RtpRingCommand command)
    {
        try
        {
            if (command.Kind == RtpRingCommandKind.Add)
            {
                command.Slot = AddCore(command.Session!, command.Socket!, command.IsRtcp);
                command.Done.Set();
            }
            else
            {
                RemoveCore(command);
            }
        }
        catch (Exception e)
        {
            command.Error = e;
            command.Done.Set();
        }
    }

    private int AddCore(RtpSession session, Socket socket, bool isRtcp)
    {
        // Non-blocking keeps a fallback sendto(2) on this thread from ever stalling it on a full send buffer.
        socket.Blocking = false;
        var handle = socket.SafeHandle;
        var added = false;
        handle.DangerousAddRef(ref added);
        var index = TakeSlot();
        ref var slot = ref _slots[index];
        slot.Session = session;
        slot.Handle = handle;
        slot.Fd = (int)handle.DangerousGetHandle();
        slot.IsRtcp = isRtcp;
        slot.Family = socket.AddressFamily;
        slot.Failures = 0;
        Interlocked.Increment(ref _socketCount);
        Arm(index);
        return index;
    }

    private void RemoveCore(RtpRingCommand command)
    {
        var index = command.Slot;
        ref var slot = ref _slots[index];
        slot.Session = null;
        slot.Removing = true;
        slot.PendingRemove = command;
        if (!slot.Armed)
        {
            Finish(index);
            return;
        }

        var sqe = ControlSqe();
        if (sqe is null)
        {
            // The queue is stuck full: the slot delivers nothing any more and is finished when its receive ends.
            return;
        }

        // IORING_OP_ASYNC_CANCEL by user data: the multishot receive then ends with -ECANCELED and no F_MORE.
        sqe->Opcode = IOUringNative.OpAsyncCancel;
        sqe->Fd = -1;
        sqe->Address = ReceiveData(index, slot.Generation);
        sqe->UserData = KindCancel << (int)KindShift;
        _ring.Commit();
        _inFlight++;
    }

    // Arms a multishot RECVMSG on the slot's socket: one entry serves every datagram until it ends.
    private void Arm(int index)
    {
        ref var slot = ref _slots[index];
        var sqe = ControlSqe();
        if (sqe is null)
        {
            slot.NeedsArm = true;
            _armBacklog++;
            return;
        }

        sqe->Opcode = IOUringNative.OpRecvMsg;
        sqe->Flags = IOUringNative.SqeBufferSelect;
        sqe->IOPriority = IOUringNative.RecvMultishot;
        sqe->Fd = slot.Fd;
        sqe->Address = (ulong)_receiveTemplate;
        sqe->Length = 1;
        sqe->BufferGroup = BufferGroup;
        sqe->UserData = ReceiveData(index, slot.Generation);
        _ring.Commit();
        _inFlight++;
        slot.Armed = true;
    }

    private void ArmBacklog()
    {
        _armBacklog = 0;
        for (var i = 0; i < _usedSlots; i++)
        {
            ref var slot = ref _slots[i];
            if (slot.NeedsArm)
            {
                slot.NeedsArm = false;
                if (slot.Session is not null && !slot.Removing && !_draining)
                {
                    Arm(i);
                }
                else if (slot.Removing || _draining)
                {
                    Finish(i);
                }
            }
        }
    }

    // The slot's receive is over: drop the socket reference, free the slot and release a waiting Remove.
    private void Finish(int index)
    {
        ref var slot = ref _slots[index];
        if (slot.Handle is null)
        {
            return;
        }

        slot.Handle.DangerousRelease();
        slot.Handle = null;
        slot.Session = null;
        slot.Removing = false;
        slot.Fd = -1;
        slot.Generation++;
        var pending = slot.PendingRemove;
        slot.PendingRemove = null;
        slot.NextFree = _freeSlot;
        _freeSlot = index;
        Interlocked.Decrement(ref _socketCount);
        pending?.Done.Set();
    }

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

    // Cancels everything in flight and waits (up to two seconds) for it to end, so the buffers can be freed.
    private void Drain()
    {
        _draining = true;
        for (var i = 0; i < _usedSlots; i++)
        {
            ref var slot = ref _slots[i];
            slot.Session = null;
            if (slot.Armed)
            {
                var sqe = ControlSqe();
                if (sqe is not null)
                {
                    sqe->Opcode = IOUringNative.OpAsyncCancel;
                    sqe->Fd = -1;
                    sqe->Address = ReceiveData(i, slot.Generation);
                    sqe->UserData = KindCancel << (int)KindShift;
                    _ring.Commit();
                    _inFlight++;
                }
            }
            else
            {
                Finish(i);
            }
        }

        // The pending eventfd read is completed by one last wake-up.
        Wake();
        var deadline = Environment.TickCount64 + 2000;
        while (_inFlight > 0 && Environment.TickCount64 < deadline)
        {
            var consumed = _ring.Submit(minComplete: 1);
            if (consumed > 0)
            {
                ReleaseHeld((uint)consumed);
            }

            _ = Reap();
        }

        ReleaseHeld(_ring.Pending);
        while (_commands.TryDequeue(out var command))
        {
            command.Error = new ObjectDisposedException(nameof(RtpRingWorker));
            command.Done.Set();
        }

        _drained = _inFlight == 0;
    }
}

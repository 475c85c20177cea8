using System.Net.Sockets;

namespace Inbox.Media.Transport.Batching;

/// <summary>The receive loop: one epoll_wait(2) per wake-up, one recvmmsg(2) per ready socket.</summary>
internal sealed unsafe partial class RtpReceiveWorker
{
    /// <summary>Wait timeout of <see cref="Run"/>: how soon a stopping worker notices.</summary>
    public const int WaitTimeoutMilliseconds = 100;

    /// <summary>The thread body: polls until <see cref="Stop"/>. A failing wait never ends the loop early.</summary>
    public void Run()
    {
        try
        {
            while (!_stopping)
            {
                try
                {
                    _ = PollOnce(WaitTimeoutMilliseconds);
                }
                catch (SocketException)
                {
                    // epoll_wait(2) only fails on a bad epoll fd (the engine is closing) or EFAULT/EINVAL (a bug);
                    // counted, and the loop re-checks the stop flag instead of spinning.
                    Interlocked.Increment(ref _receiveErrors);
                    Thread.Sleep(WaitTimeoutMilliseconds);
                }
            }
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMilliseconds"/> for ready sockets and delivers what they hold, at most
    /// <see cref="BatchSize"/> datagrams per socket; returns the number delivered. Allocates nothing.
    /// </summary>
    public int PollOnce(int timeoutMilliseconds)
    {
        var ready = _epoll.Wait(timeoutMilliseconds);
        var delivered = 0;
        if (ready == 0)
        {
            return 0;
        }

        _wakeUps++;

        // One gate per wake-up, not per packet: Remove waits for the batch in progress, then no event can reach it.
        lock (_gate)
        {
            for (var i = 0; i < ready; i++)
            {
                var data = _epoll.DataAt(i);
                var slot = (int)(uint)data;
                if (slot < _usedSlots && _slots[slot].Generation == (uint)(data >> 32) && _slots[slot].Session is not null)
                {
                    delivered += Drain(slot);
                }
            }
        }

        return delivered;
    }

    // One recvmmsg per ready socket, not until EAGAIN: level-triggered epoll reports a socket with more again, so a
    // flooded socket cannot starve the others on this thread (degrade gracefully; DESIGN.md, hot path rules).
    private int Drain(int slot)
    {
        var entry = _slots[slot];
        var received = Receive(entry.Fd);
        if (received > 0)
        {
            _reads++;
            _datagrams += received;
        }

        var source = SourceFor(entry.Family);
        var buffer = source.Buffer.Span;
        for (var i = 0; i < received; i++)
        {
            ref var message = ref _messages[i];
            if ((message.Header.Flags & LibC.MsgTrunc) != 0)
            {
                // Larger than the buffer: not RTP we can use (recvmsg(2), MSG_TRUNC in msg_flags).
                Interlocked.Increment(ref _truncated);
                continue;
            }

            // The kernel wrote a native sockaddr, which is what SocketAddress holds on Linux; Equals then matches
            // the latched address byte for byte, as with ReceiveFromAsync.
            var length = Math.Min((int)message.Header.NameLength, buffer.Length);
            new ReadOnlySpan<byte>(message.Header.Name, length).CopyTo(buffer);
            source.Size = length;
            var datagram = _buffers.AsSpan(i * DatagramSize, (int)message.Length);
            try
            {
                if (entry.IsRtcp)
                {
                    entry.Session!.OnRtcp(datagram, source, onRtpSocket: false);
                }
                else
                {
                    entry.Session!.OnDatagram(datagram, source);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bad packet never kills the loop that serves every other session on this thread.
                Interlocked.Increment(ref _faults);
            }
        }

        return received;
    }

    // recvmmsg(2) with MSG_DONTWAIT: the datagrams received (0 if none), never blocking.
    private int Receive(int fd)
    {
        for (var i = 0; i < BatchSize; i++)
        {
            // msg_namelen is value-result (recvmsg(2)); msg_flags is output only but cleared for a clean read.
            _messages[i].Header.NameLength = SockAddrStorage.Size;
            _messages[i].Header.Flags = 0;
        }

        while (true)
        {
            fixed (MMsgHdr* messages = _messages)
            {
                var count = LibC.RecvMMsg(fd, messages, BatchSize, LibC.MsgDontWait, null);
                if (count >= 0)
                {
                    return count;
                }
            }

            switch (LastError())
            {
                case LibC.EIntr:
                    continue;
                case LibC.EAgain:
                    // Another reader drained it, or a spurious wake-up: nothing to do.
                    return 0;
                case LibC.EConnRefused:
                    // An ICMP port-unreachable for an earlier send surfaces on the next receive; the socket is fine
                    // and the error is now consumed. Level-triggered epoll reports any datagram still queued.
                    return 0;
                default:
                    Interlocked.Increment(ref _receiveErrors);
                    return 0;
            }
        }
    }
}

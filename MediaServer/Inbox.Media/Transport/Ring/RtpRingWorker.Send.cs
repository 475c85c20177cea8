using System.Net;
using System.Net.Sockets;
using Inbox.Media.Sessions;

namespace Inbox.Media.Transport.Ring;

/// <summary>
/// The send half: a relayed packet is copied into a send slot and leaves as a SENDMSG entry with the next
/// io_uring_enter(2), instead of a sendto(2) of its own. The copy (one RTP packet, ~172 bytes for G.711) is what lets
/// the receive buffer go back to the kernel at the end of the batch while the send may still be pending.
/// </summary>
internal sealed unsafe partial class RtpRingWorker
{
    /// <summary>
    /// Queues <paramref name="packet"/> to <paramref name="remote"/> on <paramref name="socket"/>; the session's
    /// counters are updated when it completes (<see cref="RtpSession.CountSent"/>). False when no slot or entry is
    /// free: the caller sends directly. Ring thread only. Throws <see cref="ObjectDisposedException"/> when the socket
    /// is closed, as a direct send would.
    /// </summary>
    public bool TryQueueSend(RtpSession session, Socket socket, ReadOnlySpan<byte> packet, SocketAddress remote, int payloadOctets)
    {
        if (_sendFreeCount == 0 || packet.Length > SendDataSize || remote.Size > sizeof(Batching.SockAddrStorage) || _draining)
        {
            _sendFallbacks++;
            return false;
        }

        if (_ring.IsFull)
        {
            Flush();
        }

        var sqe = _ring.NextSqe();
        if (sqe is null)
        {
            _sendFallbacks++;
            return false;
        }

        // Held until the kernel has consumed the entry, so the fd cannot be closed and reused by another socket first.
        var handle = socket.SafeHandle;
        var added = false;
        handle.DangerousAddRef(ref added);
        var index = _sendFree[--_sendFreeCount];
        var slot = _sendSlots + index;
        packet.CopyTo(new Span<byte>(slot->Vector.Base, SendDataSize));
        slot->Vector.Length = (nuint)packet.Length;
        remote.Buffer.Span[..remote.Size].CopyTo(new Span<byte>(&slot->Address, sizeof(Batching.SockAddrStorage)));
        slot->Header.NameLength = (uint)remote.Size;
        _sendSessions[index] = session;
        _sendOctets[index] = payloadOctets;

        sqe->Opcode = IOUringNative.OpSendMsg;
        sqe->Fd = (int)handle.DangerousGetHandle();
        sqe->Address = (ulong)&slot->Header;
        sqe->Length = 1;
        sqe->UserData = (KindSend << (int)KindShift) | (uint)index;
        _held[(int)(_ring.SqTail & (uint)(_held.Length - 1))] = handle;
        _ring.Commit();
        _inFlight++;
        _sends++;
        return true;
    }

    private void OnSent(int index, int result)
    {
        var session = _sendSessions[index]!;
        _sendSessions[index] = null;
        _sendFree[_sendFreeCount++] = index;
        _inFlight--;
        if (result >= 0)
        {
            session.CountSent(_sendOctets[index]);
        }
        else
        {
            // The same failures a direct send counts (ECONNREFUSED from an earlier ICMP error, ENOBUFS...).
            session.CountSendError();
        }
    }
}

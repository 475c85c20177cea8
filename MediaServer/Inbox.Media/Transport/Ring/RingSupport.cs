using System.Net;
using System.Net.Sockets;
using Inbox.Media.Transport.Batching;

namespace Inbox.Media.Transport.Ring;

/// <summary>
/// Whether this process can run the io_uring engine, found by trying what it needs once: a ring, a provided-buffer
/// ring (5.19) and a multishot RECVMSG (6.0) on a loopback socket. io_uring is often unavailable where the kernel has
/// it: <c>kernel.io_uring_disabled</c> (6.6) and container seccomp profiles refuse io_uring_setup(2).
/// </summary>
/// <param name="IsSupported">True when the engine can run here.</param>
/// <param name="Reason">Why not, for a log line; null when supported.</param>
internal readonly record struct RingSupport(bool IsSupported, string? Reason)
{
    private static readonly Lazy<RingSupport> s_current = new(Probe);

    /// <summary>The result of the probe, run once per process on first use.</summary>
    public static RingSupport Current => s_current.Value;

    /// <summary>Classifies the errno of a failed probe step.</summary>
    public static RingSupport FromError(int errno) => new(false, errno switch
    {
        IOUringNative.EPerm => "io_uring is refused (kernel.io_uring_disabled, or a seccomp profile)",
        IOUringNative.ENoSys => "io_uring is not available (kernel without it, or a seccomp profile)",
        IOUringNative.EInval => "the kernel lacks a needed io_uring feature (provided-buffer rings 5.19, multishot recvmsg 6.0)",
        IOUringNative.ENoMem => "io_uring could not lock its memory (RLIMIT_MEMLOCK on kernels before 5.12)",
        _ => $"io_uring setup failed (errno {errno})",
    });

    private static unsafe RingSupport Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new(false, "io_uring is Linux only");
        }

        try
        {
            using var ring = new IOUring(8, 16, IOUringNative.SetupSingleIssuer);
            using var buffers = new ProvidedBufferRing(ring, group: 0, count: 1, bufferSize: 256);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var message = default(MsgHdr);
            message.NameLength = 16;
            var sqe = ring.NextSqe();
            sqe->Opcode = IOUringNative.OpRecvMsg;
            sqe->Flags = IOUringNative.SqeBufferSelect;
            sqe->IOPriority = IOUringNative.RecvMultishot;
            sqe->Fd = (int)socket.Handle;
            sqe->Address = (ulong)&message;
            sqe->Length = 1;
            sqe->UserData = 1;
            ring.Commit();
            sqe = ring.NextSqe();
            sqe->Opcode = IOUringNative.OpAsyncCancel;
            sqe->Fd = -1;
            sqe->Address = 1;
            sqe->UserData = 2;
            ring.Commit();
            var consumed = ring.Submit(minComplete: 2);
            if (consumed < 0)
            {
                return FromError(-consumed);
            }

            // The receive either was cancelled (supported) or failed at once with EINVAL (no multishot recvmsg).
            for (uint i = 0; i < ring.CqReady; i++)
            {
                ref var cqe = ref ring.CqeAt(ring.CqHead + i);
                if (cqe.UserData == 1 && cqe.Result < 0 && cqe.Result != -IOUringNative.ECanceled)
                {
                    return FromError(-cqe.Result);
                }
            }

            return new(true, null);
        }
        catch (SocketException e)
        {
            return FromError(e.ErrorCode);
        }
    }
}

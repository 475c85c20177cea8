using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Batching;

/// <summary>
/// The few Linux libc calls the batched receive engine needs, source-generated (no marshalling, all arguments are
/// blittable). Linux only; every call sets errno, read with <see cref="Marshal.GetLastPInvokeError"/>.
/// Thread-safe as the kernel calls are.
/// </summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    /// <summary>epoll_create1(2) flag: close the epoll fd on exec.</summary>
    public const int EpollCloexec = 0x80000;

    /// <summary>epoll_ctl(2) operations.</summary>
    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;

    /// <summary>epoll(7) event bits: readable, error, hang-up.</summary>
    public const uint EpollIn = 0x001;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;

    /// <summary>recv(2) flags: do not block; the datagram was larger than the buffer (in msg_flags).</summary>
    public const int MsgDontWait = 0x40;
    public const int MsgTrunc = 0x20;

    /// <summary>errno values (asm-generic/errno-base.h, errno.h) the engine classifies.</summary>
    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int ENoMem = 12;
    public const int EConnRefused = 111;

    /// <summary>int epoll_create1(int flags); epoll_create1(2).</summary>
    [LibraryImport(Library, EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate1(int flags);

    /// <summary>int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event); epoll_ctl(2).</summary>
    [LibraryImport(Library, EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(int epfd, int op, int fd, void* epollEvent);

    /// <summary>int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout); epoll_wait(2).</summary>
    [LibraryImport(Library, EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epfd, void* events, int maxEvents, int timeoutMilliseconds);

    /// <summary>int recvmmsg(int sockfd, struct mmsghdr *msgvec, unsigned int vlen, int flags, struct timespec *timeout); recvmmsg(2).</summary>
    [LibraryImport(Library, EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int RecvMMsg(int socket, MMsgHdr* messages, uint count, int flags, void* timeout);

    /// <summary>int sendmmsg(int sockfd, struct mmsghdr *msgvec, unsigned int vlen, int flags); sendmmsg(2).</summary>
    [LibraryImport(Library, EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMMsg(int socket, MMsgHdr* messages, uint count, int flags);

    /// <summary>int close(int fd); close(2).</summary>
    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}

namespace Inbox.Media.Transport;

/// <summary>How media sockets are read.</summary>
internal enum RtpReceiveEngineKind
{
    /// <summary>io_uring where the kernel allows it, else the batched epoll engine on Linux, else per session.</summary>
    Auto,

    /// <summary>io_uring: multishot receives, sends submitted in batches (Linux 6.0+; docs/benchmarks.md).</summary>
    Ring,

    /// <summary>epoll + recvmmsg on one thread per core (Linux).</summary>
    Batched,

    /// <summary>One asynchronous receive loop per session on .NET sockets (any OS).</summary>
    PerSession,
}

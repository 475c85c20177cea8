using System.Runtime.InteropServices;

namespace Inbox.Media.Transport.Ring;

/// <summary>
/// The io_uring system calls (io_uring_setup(2), io_uring_enter(2), io_uring_register(2)) and the few libc calls the
/// ring engine needs besides them. glibc has no wrappers for io_uring, so the calls go through syscall(2); its x86-64
/// and arm64 implementations are assembly that moves registers and ignores the variadic convention, so declaring it
/// with fixed arguments is safe. Constants are from the kernel UAPI header (include/uapi/linux/io_uring.h).
/// Linux only; every call sets errno, read with <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal static unsafe partial class IOUringNative
{
    private const string Library = "libc";

    // System call numbers: the io_uring calls were added after the tables were unified, so they are the same on
    // x86-64 and every asm-generic architecture (arm64): include/uapi/asm-generic/unistd.h.
    private const long SysSetup = 425;
    private const long SysEnter = 426;
    private const long SysRegister = 427;

    /// <summary>io_uring_setup(2) flags.</summary>
    public const uint SetupCqSize = 1u << 3;
    public const uint SetupSubmitAll = 1u << 7;
    public const uint SetupCoopTaskRun = 1u << 8;
    public const uint SetupSingleIssuer = 1u << 12;
    public const uint SetupDeferTaskRun = 1u << 13;

    /// <summary>io_uring_params.features bits.</summary>
    public const uint FeatSingleMmap = 1u << 0;
    public const uint FeatNoDrop = 1u << 1;

    /// <summary>io_uring_enter(2) flags.</summary>
    public const uint EnterGetEvents = 1u << 0;

    /// <summary>mmap(2) offsets of the three ring regions.</summary>
    public const long OffSqRing = 0;
    public const long OffCqRing = 0x8000000;
    public const long OffSqes = 0x10000000;

    /// <summary>io_uring_register(2) opcodes.</summary>
    public const uint RegisterPbufRing = 22;

    /// <summary>Opcodes (enum io_uring_op).</summary>
    public const byte OpSendMsg = 9;
    public const byte OpRecvMsg = 10;
    public const byte OpAsyncCancel = 14;
    public const byte OpRead = 22;

    /// <summary>io_uring_sqe.flags: take the buffer from the group in buf_group.</summary>
    public const byte SqeBufferSelect = 1 << 5;

    /// <summary>io_uring_sqe.ioprio for RECV/RECVMSG: stay armed and post a completion per datagram.</summary>
    public const ushort RecvMultishot = 1 << 1;

    /// <summary>io_uring_cqe.flags: a provided buffer was used (its id above the shift); more completions follow.</summary>
    public const uint CqeBuffer = 1u << 0;
    public const uint CqeMore = 1u << 1;
    public const int CqeBufferShift = 16;

    /// <summary>mmap(2) arguments.</summary>
    public const int ProtRead = 0x1;
    public const int ProtWrite = 0x2;
    public const int MapShared = 0x01;
    public const int MapPopulate = 0x8000;

    /// <summary>eventfd(2) flags.</summary>
    public const int EfdCloexec = 0x80000;
    public const int EfdNonblock = 0x800;

    /// <summary>errno values (asm-generic/errno-base.h, errno.h) the engine classifies.</summary>
    public const int EPerm = 1;
    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int ENoMem = 12;
    public const int EBusy = 16;
    public const int EInval = 22;
    public const int ENoSys = 38;
    public const int ENoBufs = 105;
    public const int ECanceled = 125;
    public const int EConnRefused = 111;

    public static int Setup(uint entries, IOUringParams* parameters) => (int)Syscall(SysSetup, (nint)entries, (nint)parameters);

    public static int Enter(int fd, uint toSubmit, uint minComplete, uint flags) =>
        (int)Syscall(SysEnter, fd, (nint)toSubmit, (nint)minComplete, (nint)flags, 0, 0);

    public static int Register(int fd, uint opcode, void* argument, uint count) =>
        (int)Syscall(SysRegister, fd, (nint)opcode, (nint)argument, (nint)count);

    /// <summary>long syscall(long number, ...); syscall(2).</summary>
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, nint a, nint b);

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, nint a, nint b, nint c, nint d);

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, nint a, nint b, nint c, nint d, nint e, nint f);

    /// <summary>void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset); mmap(2).</summary>
    [LibraryImport(Library, EntryPoint = "mmap", SetLastError = true)]
    public static partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    /// <summary>int munmap(void *addr, size_t length); munmap(2).</summary>
    [LibraryImport(Library, EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(void* address, nuint length);

    /// <summary>int eventfd(unsigned int initval, int flags); eventfd(2).</summary>
    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);

    /// <summary>ssize_t write(int fd, const void *buf, size_t count); write(2).</summary>
    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, void* buffer, nuint count);

    /// <summary>int close(int fd); close(2).</summary>
    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}

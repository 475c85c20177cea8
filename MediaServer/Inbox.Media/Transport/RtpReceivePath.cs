using Inbox.Media.Transport.Batching;
using Inbox.Media.Transport.Ring;

namespace Inbox.Media.Transport;

/// <summary>
/// The receive engine chosen at start-up, shared by every session, or none when sessions run their own loops.
/// Owns the engine's threads and stops them when disposed.
/// </summary>
internal sealed class RtpReceivePath : IAsyncDisposable
{
    private RtpReceivePath(IRtpReceiveEngine? engine, string description)
    {
        Engine = engine;
        Description = description;
    }

    /// <summary>Null when each session receives on its own loop.</summary>
    public IRtpReceiveEngine? Engine { get; }

    /// <summary>What was chosen and why, for the start-up log.</summary>
    public string Description { get; }

    /// <summary>Starts the engine the options ask for; one they ask for by name must be available.</summary>
    public static RtpReceivePath Start(RtpReceiveOptions options)
    {
        var ring = RingSupport.Current;
        switch (options.Engine)
        {
            case RtpReceiveEngineKind.Ring when !ring.IsSupported:
                throw new PlatformNotSupportedException($"Media:Receive:Engine is Ring, but io_uring is not available here: {ring.Reason}.");
            case RtpReceiveEngineKind.Batched when !RtpReceiveEngine.IsSupported:
                throw new PlatformNotSupportedException("Media:Receive:Engine is Batched, which needs Linux.");
            case RtpReceiveEngineKind.Ring or RtpReceiveEngineKind.Auto when ring.IsSupported:
                return new RtpReceivePath(new RtpRingEngine(options.Workers), "io_uring (Ring)");
            case RtpReceiveEngineKind.Batched or RtpReceiveEngineKind.Auto when RtpReceiveEngine.IsSupported:
                var reason = options.Engine == RtpReceiveEngineKind.Auto ? $" because io_uring is not available: {ring.Reason}" : string.Empty;
                return new RtpReceivePath(new RtpReceiveEngine(options.Workers), "epoll + recvmmsg (Batched)" + reason);
            default:
                return new RtpReceivePath(null, "one receive loop per session (PerSession)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Engine is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using Inbox.Media.Transport;
using Inbox.Media.Transport.Batching;

namespace Inbox.Media.Tests.Transport.Batching;

/// <summary>The shared loopback scenarios with the legs read by the batched epoll engine (Linux).</summary>
public sealed class RtpReceiveEngineLoopbackTests : RtpEngineLoopbackTests
{
    private protected override bool IsSupported => RtpReceiveEngine.IsSupported;

    private protected override string Unsupported => "the batched engine uses epoll and recvmmsg (Linux)";

    private protected override IRtpReceiveEngine CreateEngine(int workerCount) => new RtpReceiveEngine(workerCount);

    private protected override bool IsRunning(IRtpReceiveEngine engine) => ((RtpReceiveEngine)engine).IsRunning;
}

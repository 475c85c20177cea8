using System.Net;
using System.Net.Sockets;
using Inbox.Media.Sessions;
using Inbox.Media.Tests.Transport;
using Inbox.Media.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Media.Tests.Sessions;

public sealed class RtpInactivityMonitorTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly RtpPortAllocator _allocator = new(RtpPortAllocatorTests.FreeRange(4));
    private readonly List<RtpSession> _reported = [];
    private RtpSession? _session;
    private RtpInactivityMonitor? _monitor;

    public ValueTask InitializeAsync()
    {
        Assert.True(_allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var sockets));
        _session = new RtpSession(sockets!, remote: null, clockRate: 8000, _time);
        _monitor = new RtpInactivityMonitor(s_timeout, Report, _time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _monitor!.DisposeAsync();
        _session!.Dispose();
    }

    [Fact]
    public async Task Check_SilentPastTimeout_ReportedOnce()
    {
        _monitor!.Watch(_session!);

        _time.Advance(s_timeout - TimeSpan.FromSeconds(1));
        await SettleAsync();
        var early = Reported();
        _time.Advance(TimeSpan.FromSeconds(2));
        await WaitForReportAsync();
        _time.Advance(TimeSpan.FromMinutes(5));
        await SettleAsync();

        Assert.Equal(0, early);
        Assert.Equal(1, Reported());
    }

    [Fact]
    public async Task Check_PacketsArriveThenStopAgain_ReportedAgain()
    {
        _monitor!.Watch(_session!);
        _time.Advance(s_timeout + TimeSpan.FromSeconds(1));
        await WaitForReportAsync();
        using var cts = new CancellationTokenSource();
        var loop = _session!.RunAsync(cts.Token);
        using var phone = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        phone.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        await phone.SendToAsync(new byte[] { 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, _session.LocalEndPoint, TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => _session.Counters.Received == 1);
        _time.Advance(TimeSpan.FromSeconds(1));
        _time.Advance(s_timeout + TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => Reported() == 2);
        await cts.CancelAsync();
        _session.Dispose();
        await loop;

        Assert.Equal(2, Reported());
    }

    [Fact]
    public async Task Forget_SessionNoLongerWatched_NotReported()
    {
        _monitor!.Watch(_session!);
        _monitor.Forget(_session!);

        _time.Advance(s_timeout * 2);
        await SettleAsync();

        Assert.Equal(0, Reported());
    }

    private void Report(RtpSession session)
    {
        lock (_reported)
        {
            _reported.Add(session);
        }
    }

    private int Reported()
    {
        lock (_reported)
        {
            return _reported.Count;
        }
    }

    // The monitor's loop runs after the fake clock's tick, on the thread pool: give a wrongful report time to happen.
    private static Task SettleAsync() => Task.Delay(200, TestContext.Current.CancellationToken);

    private Task WaitForReportAsync() => WaitUntilAsync(() => Reported() >= 1);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 10 s.");
            await Task.Delay(10);
        }
    }
}

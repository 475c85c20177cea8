using System.Net;
using Inbox.Media.Quality;
using Inbox.Media.Rtcp;
using Inbox.Media.Sessions;
using Inbox.Media.Tests.Transport;
using Inbox.Media.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Media.Tests.Sessions;

/// <summary>The quality monitor over a real session on loopback, its clock driven by a fake time provider.</summary>
public sealed class MediaQualityMonitorTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CancellationTokenSource _stop = new();
    private readonly RtpPortAllocator _allocator = new(RtpPortAllocatorTests.FreeRange(4));
    private readonly LoopbackPhone _phone = new();
    private readonly List<QualitySample> _samples = [];
    private readonly RtpSession _session;
    private readonly Task _loop;
    private MediaQualityMonitor? _monitor;

    public MediaQualityMonitorTests()
    {
        Assert.True(_allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var sockets));
        _session = new RtpSession(sockets!, _phone.EndPoint, clockRate: 8000, _time);
        _loop = _session.RunAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_monitor is not null)
        {
            await _monitor.DisposeAsync();
        }

        await _stop.CancelAsync();
        _session.Dispose();
        await _loop;
        _phone.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task Tick_PhoneSendsRtpButNoRtcp_ListeningOnlySample()
    {
        Start(new QualityOptions());
        await _phone.SendRtpAsync(_session.LocalEndPoint, ssrc: 7, firstSequence: 1, count: 50);
        await LoopbackPhone.WaitUntilAsync(() => _session.Counters.Received == 50);

        var sample = await NextSampleAsync();

        Assert.True(sample.ListeningOnly);
        Assert.Equal(0, sample.DelayMs); // the relay adds no buffering and there is no RTT
        Assert.Equal(0, sample.LossPercent);
        Assert.Equal(QualityColor.Green, sample.Color);
        Assert.Equal(sample, _session.LatestQuality);
    }

    [Fact]
    public async Task Tick_EveryTenthPacketLostThenNone_LossIsPerWindowNeverCumulative()
    {
        Start(new QualityOptions());
        await _phone.SendRtpAsync(_session.LocalEndPoint, ssrc: 7, firstSequence: 1, count: 250, drop: s => s % 10 == 5);
        await LoopbackPhone.WaitUntilAsync(() => _session.Counters.Received == 225);
        var lossy = await NextSampleAsync();

        await _phone.SendRtpAsync(_session.LocalEndPoint, ssrc: 7, firstSequence: 251, count: 250);
        await LoopbackPhone.WaitUntilAsync(() => _session.Counters.Received == 475);
        var clean = await NextSampleAsync();

        Assert.InRange(lossy.LossPercent, 9.5, 10.5);
        Assert.Equal(QualityColor.Red, lossy.Color); // G.711 with PLC at 10 % random loss: MOS about 3.3
        Assert.Equal(250, clean.PacketsExpected);
        Assert.Equal(0, clean.PacketsLost);
        Assert.Equal(0, clean.LossPercent);
        Assert.Equal(QualityColor.Green, clean.Color);
    }

    [Fact]
    public async Task Tick_ThresholdsFromConfiguration_ColourFollowsThem()
    {
        var options = new QualityOptions { GreenMinimumMos = 4.45, OrangeMinimumMos = 4.0 };
        Start(options);
        await _phone.SendRtpAsync(_session.LocalEndPoint, ssrc: 7, firstSequence: 1, count: 50);
        await LoopbackPhone.WaitUntilAsync(() => _session.Counters.Received == 50);

        var sample = await NextSampleAsync();

        Assert.InRange(sample.Mos, 4.0, 4.45); // 4.41 with the G.107 defaults and no impairment
        Assert.Equal(QualityColor.Orange, sample.Color);
    }

    [Fact]
    public async Task Tick_ReportDue_SendsReceiverReportFromTheSameTimer()
    {
        Start(new QualityOptions());
        await _phone.SendRtpAsync(_session.LocalEndPoint, ssrc: 7, firstSequence: 1, count: 20);
        await LoopbackPhone.WaitUntilAsync(() => _session.Counters.Received == 20);

        await AdvanceUntilAsync(() => _session.Counters.RtcpSent == 1); // due 1.25–3.75 s after Watch
        var report = await _phone.ReceiveAsync();

        Assert.True(RtcpReceiverReport.TryParse(report, out var rr));
        Assert.Equal(1, rr.ReportCount);
        Assert.Equal(7u, rr.GetReportBlock(0).Ssrc);
        Assert.Equal(1, _session.Counters.RtcpSent);
    }

    [Fact]
    public async Task Tick_JitterBufferDepthAndRoundTrip_DelayIsHalfRttPlusDepth()
    {
        Start(new QualityOptions());
        _session.JitterBufferDepth = TimeSpan.FromMilliseconds(60);
        await _phone.SendRtpAsync(_session.LocalEndPoint, ssrc: 7, firstSequence: 1, count: 20);
        await LoopbackPhone.WaitUntilAsync(() => _session.Counters.Received == 20);
        await AnswerOurSenderReportAsync(delayed: TimeSpan.FromMilliseconds(200));

        var sample = await NextSampleAsync();

        Assert.False(sample.ListeningOnly);
        Assert.InRange(_session.RoundTrip!.Value.TotalMilliseconds, 199, 201);
        Assert.Equal(160, sample.DelayMs, 1);
    }

    private void Start(QualityOptions options)
    {
        _monitor = new MediaQualityMonitor(options, OnSample, _time);
        _monitor.Watch(_session);
    }

    private void OnSample(RtpSession session, QualitySample sample)
    {
        lock (_samples)
        {
            _samples.Add(sample);
        }
    }

    // Steps the fake clock one timer period at a time until the monitor's loop has scored a window. Each step gives
    // the loop, which runs on the thread pool, a moment to take its tick: one big step would coalesce the ticks.
    private async Task<QualitySample> NextSampleAsync()
    {
        var count = SampleCount();
        await AdvanceUntilAsync(() => SampleCount() > count);
        lock (_samples)
        {
            return _samples[^1];
        }
    }

    private async Task AdvanceUntilAsync(Func<bool> condition)
    {
        for (var step = 0; step < 100 && !condition(); step++)
        {
            _time.Advance(MediaQualityMonitor.DefaultTick);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "The monitor did not act within 50 s of fake time.");
    }

    private int SampleCount()
    {
        lock (_samples)
        {
            return _samples.Count;
        }
    }

    // The phone answers an SR of the session's with an RR whose DLSR says it held the SR for `delayed` less than it did.
    private async Task AnswerOurSenderReportAsync(TimeSpan delayed)
    {
        _session.Send(LoopbackPhone.Rtp(_session.Output.Ssrc, 1, 160));
        await _phone.ReceiveAsync();
        Assert.True(_session.TrySendReport());
        var report = await _phone.ReceiveAsync();
        Assert.True(RtcpSenderReport.TryParse(report, out var sr));
        var lsr = sr.SenderInfo.NtpTimestamp.Middle32;

        _time.Advance(delayed);
        var datagram = new byte[32];
        RtcpReceiverReport.TryWrite(datagram, 7, [new RtcpReportBlock(_session.Output.Ssrc, 0, 0, 1, 0, lsr, 0)], out _);
        await _phone.SendAsync(_session.LocalEndPoint, datagram);
        await LoopbackPhone.WaitUntilAsync(() => _session.RoundTrip is not null);
    }
}

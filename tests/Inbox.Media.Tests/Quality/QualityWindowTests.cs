using Inbox.Media.Quality;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Media.Tests.Quality;

public sealed class QualityWindowTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private QualityWindow CreateWindow() =>
        new(EModel.Default, new QualityOptions(), CodecImpairment.G711WithPlc, _time);

    [Fact]
    public void TryTakeSample_BeforeInterval_ReturnsFalse()
    {
        var window = CreateWindow();
        window.AddPackets(250, 0);
        _time.Advance(TimeSpan.FromSeconds(4.9));

        var taken = window.TryTakeSample(_time.GetTimestamp(), out _);

        Assert.False(taken);
    }

    [Fact]
    public void TryTakeSample_TwoPercentLossWithRtt_ScoresTheWindow()
    {
        var window = CreateWindow();
        window.AddPackets(125, 2);
        window.AddPackets(125, 3);
        window.UpdateRoundTrip(TimeSpan.FromMilliseconds(100));
        window.UpdateJitterBufferDepth(TimeSpan.FromMilliseconds(40));
        _time.Advance(TimeSpan.FromSeconds(5));

        var taken = window.TryTakeSample(_time.GetTimestamp(), out var sample);

        Assert.True(taken);
        Assert.Equal(2, sample.LossPercent, 1e-9);
        Assert.Equal(90, sample.DelayMs, 1e-9);
        Assert.False(sample.ListeningOnly);
        Assert.Equal(86.2, sample.R, 0.05);
        Assert.Equal(QualityColor.Green, sample.Color);
    }

    [Fact]
    public void TryTakeSample_NoRtt_FlagsListeningOnlyAndUsesBufferDepth()
    {
        var window = CreateWindow();
        window.AddPackets(250, 0);
        window.UpdateJitterBufferDepth(TimeSpan.FromMilliseconds(60));
        _time.Advance(TimeSpan.FromSeconds(5));

        window.TryTakeSample(_time.GetTimestamp(), out var sample);

        Assert.True(sample.ListeningOnly);
        Assert.Equal(60, sample.DelayMs, 1e-9);
        Assert.Equal(93.2, sample.R, 0.05);
    }

    [Fact]
    public void TryTakeSample_SecondWindow_CountsOnlyItsOwnLoss()
    {
        var window = CreateWindow();
        window.AddPackets(250, 50);
        _time.Advance(TimeSpan.FromSeconds(5));
        window.TryTakeSample(_time.GetTimestamp(), out var bad);
        window.AddPackets(250, 0);
        _time.Advance(TimeSpan.FromSeconds(5));

        var taken = window.TryTakeSample(_time.GetTimestamp(), out var good);

        Assert.True(taken);
        Assert.Equal(20, bad.LossPercent, 1e-9);
        Assert.Equal(QualityColor.Red, bad.Color);
        Assert.Equal(0, good.LossPercent);
        Assert.Equal(QualityColor.Green, good.Color);
    }

    [Fact]
    public void TryTakeSample_NothingExpected_ReportsZeroLoss()
    {
        var window = CreateWindow();
        window.AddPackets(0, 3);
        _time.Advance(TimeSpan.FromSeconds(6));

        window.TryTakeSample(_time.GetTimestamp(), out var sample);

        Assert.Equal(0, sample.PacketsExpected);
        Assert.Equal(0, sample.PacketsLost);
        Assert.Equal(0, sample.LossPercent);
    }

    [Fact]
    public void TryTakeSample_LongDelay_TurnsOrange()
    {
        var window = CreateWindow();
        window.AddPackets(250, 0);
        window.UpdateRoundTrip(TimeSpan.FromMilliseconds(500));
        window.UpdateJitterBufferDepth(TimeSpan.FromMilliseconds(50));
        _time.Advance(TimeSpan.FromSeconds(5));

        window.TryTakeSample(_time.GetTimestamp(), out var sample);

        Assert.Equal(300, sample.DelayMs, 1e-9);
        Assert.Equal(78.4, sample.R, 0.1);
        Assert.Equal(QualityColor.Orange, sample.Color);
    }

    [Fact]
    public void TryTakeSample_WarmedUp_AllocatesNothing()
    {
        var window = CreateWindow();
        window.AddPackets(250, 1);
        _time.Advance(TimeSpan.FromSeconds(5));
        window.TryTakeSample(_time.GetTimestamp(), out _);
        window.AddPackets(250, 1);
        _time.Advance(TimeSpan.FromSeconds(5));
        var timestamp = _time.GetTimestamp();

        var before = GC.GetAllocatedBytesForCurrentThread();
        window.TryTakeSample(timestamp, out var sample);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0.4, sample.LossPercent, 1e-9);
        Assert.Equal(0, allocated);
    }
}

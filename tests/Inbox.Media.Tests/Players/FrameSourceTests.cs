using Inbox.Media.Players;

namespace Inbox.Media.Tests.Players;

public sealed class FrameSourceTests
{
    [Fact]
    public void SilenceSource_Read_WritesZeros()
    {
        var frame = new short[160];
        frame.AsSpan().Fill(123);

        SilenceSource.Instance.Read(frame);

        Assert.All(frame, s => Assert.Equal(0, s));
    }

    [Fact]
    public void ComfortNoiseSource_DefaultLevel_IsAboutMinus60Dbfs()
    {
        var source = new ComfortNoiseSource();
        var samples = new short[8000];

        for (var i = 0; i < 50; i++)
        {
            source.Read(samples.AsSpan(i * 160, 160));
        }

        var dbfs = 20 * Math.Log10(TestSignals.Rms(samples) / 32767);
        Assert.InRange(dbfs, -61, -59);
        Assert.Contains(samples, s => s != 0);
    }

    [Fact]
    public void ComfortNoiseSource_Read_AllocatesNothing()
    {
        var source = new ComfortNoiseSource(-50);
        var frame = new short[960];
        source.Read(frame);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            source.Read(frame);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}

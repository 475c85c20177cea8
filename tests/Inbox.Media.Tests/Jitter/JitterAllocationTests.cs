using Inbox.Media.Jitter;
using Inbox.Media.Rtp;

namespace Inbox.Media.Tests.Jitter;

public sealed class JitterAllocationTests
{
    [Fact]
    public void PutAndTake_AfterWarmUp_AllocatesNothing()
    {
        var buffer = new JitterBuffer(new JitterBufferOptions());
        var payload = new byte[160];
        var output = new byte[1500];
        for (var i = 0; i < 100; i++)
        {
            PutAndTake(buffer, payload, output, i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var frames = 0;
        for (var i = 100; i < 50_000; i++)
        {
            frames += PutAndTake(buffer, payload, output, i);
        }

        _ = buffer.Counters;
        _ = buffer.CurrentDepth;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(frames > 45_000);
        Assert.Equal(0, allocated);
    }

    // Every 40th packet is lost and every 7th arrives 30 ms late, so every branch of Put and Take runs.
    private static int PutAndTake(JitterBuffer buffer, byte[] payload, byte[] output, int i)
    {
        if (i % 40 != 0)
        {
            var header = new RtpHeader(0, false, (ushort)i, (uint)(i * 160), 0x1234);
            buffer.Put(header, payload, TimeSpan.FromMilliseconds((i * 20) + (i % 7 == 0 ? 30 : 0)));
        }

        return buffer.Take(output, out _) == JitterTakeResult.Frame ? 1 : 0;
    }
}

using System.Buffers.Binary;
using Inbox.Media.Recording;
using NAudio.Wave;

namespace Inbox.Media.Tests.Recording;

public sealed class CallRecorderTests : IDisposable
{
    private readonly string _path = TestSignals.TempPath(".wav");

    [Fact]
    public async Task CloseAsync_ToneOnCustomerSilenceOnAgent_ChannelsSeparatedAndLengthRight()
    {
        var recorder = new CallRecorder(_path, 8000);
        var silence = new short[160];

        for (var frame = 0; frame < 50; frame++)
        {
            Assert.True(recorder.Write(TestSignals.Tone(1000, 8000, 160, 10000, frame * 160), silence));
        }

        await recorder.CloseAsync();

        var (left, right) = ReadChannels(_path, 8000);
        Assert.Equal(8000, left.Length);
        Assert.Equal(TestSignals.Tone(1000, 8000, 8000, 10000), left);
        Assert.All(right, s => Assert.Equal(0, s));
        Assert.Equal(50, recorder.FramesWritten);
    }

    [Fact]
    public async Task CloseAsync_AfterWrites_RiffSizesMatchFile()
    {
        await using (var recorder = new CallRecorder(_path, 16000))
        {
            var frame = TestSignals.Tone(1000, 16000, 320, 3000);
            for (var i = 0; i < 7; i++)
            {
                recorder.Write(frame, frame);
            }
        }

        var bytes = await File.ReadAllBytesAsync(_path, TestContext.Current.CancellationToken);

        Assert.Equal(44 + (7 * 320 * 4), bytes.Length);
        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
        Assert.Equal((uint)(bytes.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal("data"u8.ToArray(), bytes[36..40]);
        Assert.Equal((uint)(bytes.Length - 44), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)));
        using var reader = new WaveFileReader(_path);
        Assert.Equal(2, reader.WaveFormat.Channels);
        Assert.Equal(16000, reader.WaveFormat.SampleRate);
        Assert.Equal(16, reader.WaveFormat.BitsPerSample);
        Assert.Equal(7 * 320, reader.SampleCount);
    }

    [Fact]
    public async Task Write_CustomerMuted_WritesCustomerAsSilence()
    {
        var recorder = new CallRecorder(_path, 8000) { CustomerMuted = true };
        var customer = TestSignals.Tone(1000, 8000, 160, 10000);
        var agent = TestSignals.Tone(300, 8000, 160, 4000);

        recorder.Write(customer, agent);
        await recorder.CloseAsync();

        var (left, right) = ReadChannels(_path, 160);
        Assert.All(left, s => Assert.Equal(0, s));
        Assert.Equal(agent, right);
    }

    [Fact]
    public async Task Write_AfterClose_ReturnsFalse()
    {
        var recorder = new CallRecorder(_path, 8000);
        await recorder.CloseAsync();

        var written = recorder.Write(new short[160], new short[160]);

        Assert.False(written);
        await recorder.CloseAsync();
    }

    [Fact]
    public async Task Constructor_FileExists_ThrowsAndKeepsFile()
    {
        await File.WriteAllTextAsync(_path, "keep", TestContext.Current.CancellationToken);

        var act = () => new CallRecorder(_path, 8000);

        Assert.Throws<IOException>(act);
        Assert.Equal("keep", await File.ReadAllTextAsync(_path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Write_AfterWarmUp_AllocatesNothingOnCallerThread()
    {
        await using var recorder = new CallRecorder(_path, 48000);
        var frame = TestSignals.Tone(1000, 48000, 960, 3000);
        for (var i = 0; i < 100; i++)
        {
            WriteAndWaitForDisk(recorder, frame);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            WriteAndWaitForDisk(recorder, frame);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(300, recorder.FramesWritten);
    }

    public void Dispose() => File.Delete(_path);

    /// <summary>
    /// One frame per media tick, as in a call: the writer loop is idle and waiting each time, the path that matters
    /// (a burst would instead measure the queue growing once).
    /// </summary>
    private static void WriteAndWaitForDisk(CallRecorder recorder, short[] frame)
    {
        var expected = recorder.FramesWritten + 1;
        Assert.True(recorder.Write(frame, frame));
        var spin = new SpinWait();
        var deadline = Environment.TickCount64 + 10_000;
        while (recorder.FramesWritten < expected && Environment.TickCount64 < deadline)
        {
            spin.SpinOnce();
        }
    }

    private static (short[] Left, short[] Right) ReadChannels(string path, int frames)
    {
        var bytes = File.ReadAllBytes(path).AsSpan(44);
        Assert.Equal(frames * 4, bytes.Length);
        var left = new short[frames];
        var right = new short[frames];
        for (var i = 0; i < frames; i++)
        {
            left[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * 4)..]);
            right[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[((i * 4) + 2)..]);
        }

        return (left, right);
    }
}

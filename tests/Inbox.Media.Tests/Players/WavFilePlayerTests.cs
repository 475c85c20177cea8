using Inbox.Media.Players;
using NAudio.Wave;

namespace Inbox.Media.Tests.Players;

public sealed class WavFilePlayerTests
{
    [Fact]
    public void Read_PastEndOfClip_WrapsSeamlessly()
    {
        var ramp = new short[250];
        for (var i = 0; i < ramp.Length; i++)
        {
            ramp[i] = (short)i;
        }

        var player = new WavFilePlayer(AudioClip.FromSamples(ramp, 8000));
        var played = new short[160 * 4];

        for (var frame = 0; frame < 4; frame++)
        {
            player.Read(played.AsSpan(frame * 160, 160));
        }

        for (var i = 0; i < played.Length; i++)
        {
            Assert.Equal(i % 250, played[i]);
        }

        Assert.Equal(640 % 250, player.Position);
    }

    [Fact]
    public void Read_SharedClip_KeepsIndependentPositions()
    {
        var clip = AudioClip.FromSamples(TestSignals.Tone(400, 8000, 8000, 5000), 8000);
        var first = new WavFilePlayer(clip);
        var second = new WavFilePlayer(clip);
        var frame = new short[160];
        first.Read(frame);
        first.Read(frame);

        second.Read(frame);

        Assert.Same(first.Clip, second.Clip);
        Assert.Equal(320, first.Position);
        Assert.Equal(160, second.Position);
        Assert.Equal(clip.Samples[..160].ToArray(), frame);
    }

    [Fact]
    public void LoadWav_Stereo44100_ConvertsToMono8000WithLevelKept()
    {
        var wav = StereoTone(440, 44100, 0.5f);

        var clip = AudioClip.LoadWav(wav, 8000);

        Assert.Equal(8000, clip.SampleRate);
        Assert.InRange(clip.Samples.Length, 7999, 8000);
        // A sine of peak 0.5 full scale has an RMS of 0.5/√2; skip the filter's edges.
        var rms = TestSignals.Rms(clip.Samples[400..7600]);
        Assert.InRange(rms, 0.95 * 0.5 / Math.Sqrt(2) * 32767, 1.05 * 0.5 / Math.Sqrt(2) * 32767);
        Assert.InRange(clip.Duration.TotalMilliseconds, 999, 1000);
    }

    [Fact]
    public void LoadWav_ToneAboveTargetNyquist_IsFilteredOut()
    {
        var wav = StereoTone(6000, 44100, 0.5f);

        var clip = AudioClip.LoadWav(wav, 8000);

        // 6 kHz cannot exist at 8 kHz; without the low-pass it would alias to 2 kHz at full level.
        Assert.True(TestSignals.Rms(clip.Samples[400..7600]) < 0.01 * 32767);
    }

    [Fact]
    public void LoadWav_NotAWavFile_ThrowsInvalidData()
    {
        using var stream = new MemoryStream("this is not audio"u8.ToArray());

        var act = () => AudioClip.LoadWav(stream, 8000);

        Assert.Throws<InvalidDataException>(act);
    }

    [Fact]
    public void Read_AfterWarmUp_AllocatesNothing()
    {
        var player = new WavFilePlayer(AudioClip.FromSamples(TestSignals.Tone(400, 8000, 1000, 5000), 8000));
        var frame = new short[160];
        player.Read(frame);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            player.Read(frame);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static MemoryStream StereoTone(double frequency, int sampleRate, float amplitude)
    {
        var stream = new MemoryStream();
        using (var writer = new WaveFileWriter(new NonClosingStream(stream), new WaveFormat(sampleRate, 16, 2)))
        {
            var frame = new short[2];
            for (var i = 0; i < sampleRate; i++)
            {
                var sample = (short)Math.Round(amplitude * 32767 * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
                frame[0] = sample;
                frame[1] = sample;
                writer.WriteSamples(frame, 0, 2);
            }
        }

        stream.Position = 0;
        return stream;
    }
}

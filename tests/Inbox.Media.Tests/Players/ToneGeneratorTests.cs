using Inbox.Media.Players;
using Inbox.Media.Tests.Codecs;

namespace Inbox.Media.Tests.Players;

public sealed class ToneGeneratorTests
{
    [Fact]
    public void Read_EuropeRingback_OneSecondOnFourSecondsOff()
    {
        var generator = new ToneGenerator(ToneDefinitions.EuropeRingback, 8000);
        var frame = new short[160];
        var active = new bool[500];

        for (var i = 0; i < active.Length; i++)
        {
            generator.Read(frame);
            active[i] = Signal.Rms(frame) > 100;
        }

        // 10 s of 20 ms frames: on for frames 0-49 and 250-299, off otherwise.
        for (var i = 0; i < active.Length; i++)
        {
            Assert.Equal(i % 250 < 50, active[i]);
        }
    }

    [Fact]
    public void Read_EuropeBusy_HalfSecondCadence()
    {
        var generator = new ToneGenerator(ToneDefinitions.EuropeBusy, 16000);
        var frame = new short[320];
        var onFrames = 0;

        for (var i = 0; i < 100; i++)
        {
            generator.Read(frame);
            onFrames += Signal.Rms(frame) > 100 ? 1 : 0;
        }

        Assert.Equal(50, onFrames);
    }

    [Theory]
    [InlineData(425, 8000)]
    [InlineData(1000, 48000)]
    public void Read_ContinuousTone_HasTheFrequency(double frequency, int rate)
    {
        var generator = new ToneGenerator(ToneDefinition.Single(frequency), rate);
        var pcm = new short[rate];

        for (var offset = 0; offset < pcm.Length; offset += rate / 50)
        {
            generator.Read(pcm.AsSpan(offset, rate / 50));
        }

        var expected = Signal.Sine(frequency, rate, rate, amplitude: 32767 * Math.Pow(10, (-13 - 3.14) / 20));
        var snr = Signal.AlignedSnrDb(expected, pcm, maxLag: 0, skip: rate / 50, out _);
        Assert.True(snr > 40, $"SNR {snr:F1} dB");
    }

    [Fact]
    public void Read_DualTone_ContainsBothFrequencies()
    {
        var generator = new ToneGenerator(ToneDefinitions.NorthAmericaRingback, 8000);
        var pcm = new short[8000];

        generator.Read(pcm);

        var first = Signal.Sine(440, 8000, 8000);
        var second = Signal.Sine(480, 8000, 8000);
        Assert.True(Correlation(pcm, first) > 0.4);
        Assert.True(Correlation(pcm, second) > 0.4);
    }

    [Fact]
    public void Constructor_OddCadence_Throws()
    {
        var tone = ToneDefinition.Single(425, 1000);

        var create = () => new ToneGenerator(tone, 8000);

        Assert.Throws<ArgumentException>(create);
    }

    [Fact]
    public void Read_SteadyState_AllocatesNothing()
    {
        var generator = new ToneGenerator(ToneDefinitions.UnitedKingdomRingback, 48000);
        var frame = new short[960];

        var allocated = Signal.AllocatedBytes(() => generator.Read(frame));

        Assert.Equal(0, allocated);
    }

    private static double Correlation(short[] a, short[] b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }

        return ab / Math.Sqrt(aa * bb);
    }
}

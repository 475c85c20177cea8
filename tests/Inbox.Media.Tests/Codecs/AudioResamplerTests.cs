using Inbox.Media.Codecs;

namespace Inbox.Media.Tests.Codecs;

public sealed class AudioResamplerTests
{
    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(16000, 8000)]
    [InlineData(16000, 48000)]
    [InlineData(48000, 16000)]
    [InlineData(8000, 48000)]
    [InlineData(48000, 8000)]
    public void Process_OneKilohertzTone_SnrAbove30Db(int inputRate, int outputRate)
    {
        var resampler = new AudioResampler(inputRate, outputRate);
        var input = Signal.Sine(1000, inputRate, inputRate / 2);
        var output = Resample(resampler, input);

        // The linear-phase filter delays by a known, possibly fractional, number of samples: compare against that.
        var expected = Signal.Sine(1000, outputRate, output.Length, delay: resampler.DelaySamples);
        var snr = Signal.AlignedSnrDb(expected, output, maxLag: 0, skip: outputRate / 50, out _);

        Assert.True(snr > 30, $"SNR {snr:F1} dB with delay {resampler.DelaySamples}");
    }

    [Theory]
    [InlineData(16000, 8000, 6000)]
    [InlineData(48000, 8000, 5000)]
    [InlineData(48000, 16000, 12000)]
    public void Process_ToneAboveNewNyquist_IsAttenuated(int inputRate, int outputRate, double frequency)
    {
        var resampler = new AudioResampler(inputRate, outputRate);
        var input = Signal.Sine(frequency, inputRate, inputRate / 2);

        var output = Resample(resampler, input);

        var attenuationDb = 20 * Math.Log10(Signal.Rms(input) / Math.Max(Signal.Rms(output.AsSpan(outputRate / 50)), 1e-3));
        Assert.True(attenuationDb > 50, $"attenuation {attenuationDb:F1} dB");
    }

    [Fact]
    public void Process_SameRate_Copies()
    {
        var resampler = new AudioResampler(8000, 8000);
        var input = Signal.Sine(1000, 8000, 160);
        var output = new short[160];

        var written = resampler.Process(input, output);

        Assert.Equal(160, written);
        Assert.Equal(input, output);
    }

    [Fact]
    public void Constructor_UnsupportedRate_Throws()
    {
        var create = () => new AudioResampler(8000, 44100);

        Assert.Throws<ArgumentException>(create);
    }

    [Theory]
    [InlineData(8000, 48000)]
    [InlineData(48000, 8000)]
    public void Process_SteadyState_AllocatesNothing(int inputRate, int outputRate)
    {
        var resampler = new AudioResampler(inputRate, outputRate);
        var input = Signal.Sine(1000, inputRate, inputRate / 50);
        var output = new short[outputRate / 50];

        var allocated = Signal.AllocatedBytes(() => resampler.Process(input, output));

        Assert.Equal(0, allocated);
    }

    private static short[] Resample(AudioResampler resampler, short[] input)
    {
        var frame = resampler.InputRate / 50;
        var output = new short[resampler.OutputLength(input.Length)];
        var written = 0;
        for (var offset = 0; offset < input.Length; offset += frame)
        {
            written += resampler.Process(input.AsSpan(offset, frame), output.AsSpan(written));
        }

        Assert.Equal(output.Length, written);
        return output;
    }
}

using NAudio.Wave;

namespace Inbox.Media.Players;

/// <summary>
/// A decoded sound, mono 16-bit PCM at one sample rate, immutable: any number of players (one per call on hold) read
/// it at their own positions without copying it.
/// </summary>
/// <remarks>Thread-safe (immutable).</remarks>
internal sealed class AudioClip
{
    private readonly short[] _samples;

    private AudioClip(short[] samples, int sampleRate)
    {
        _samples = samples;
        SampleRate = sampleRate;
    }

    /// <summary>The samples, mono, at <see cref="SampleRate"/>.</summary>
    public ReadOnlySpan<short> Samples => _samples;

    /// <summary>The sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>The clip's length.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)_samples.Length / SampleRate);

    /// <summary>Wraps samples already mono at <paramref name="sampleRate"/>; the array is copied.</summary>
    public static AudioClip FromSamples(ReadOnlySpan<short> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        return new AudioClip(samples.ToArray(), sampleRate);
    }

    /// <summary>Loads a WAV file; see <see cref="LoadWav(Stream, int)"/>.</summary>
    public static AudioClip LoadWav(string path, int targetSampleRate)
    {
        using var stream = File.OpenRead(path);
        return LoadWav(stream, targetSampleRate);
    }

    /// <summary>
    /// Decodes a WAV stream of any rate, channel count and PCM or float format, once: channels are averaged to mono
    /// and the rate converted to <paramref name="targetSampleRate"/> Hz by <see cref="ClipResampler"/> (a windowed-sinc,
    /// linear-phase low-pass interpolator; load-time cost only), then rounded and saturated to 16 bits.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not a WAV file NAudio can read, or holds no audio.</exception>
    public static AudioClip LoadWav(Stream stream, int targetSampleRate)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSampleRate);
        float[] mono;
        int sourceRate;
        try
        {
            using var reader = new WaveFileReader(stream);
            sourceRate = reader.WaveFormat.SampleRate;
            mono = ReadMono(reader.ToSampleProvider(), reader.WaveFormat.Channels);
        }
        catch (FormatException exception)
        {
            throw new InvalidDataException("Not a readable WAV file.", exception);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException("Not a supported WAV encoding.", exception);
        }

        if (mono.Length == 0)
        {
            throw new InvalidDataException("The WAV file holds no audio.");
        }

        var resampled = ClipResampler.Resample(mono, sourceRate, targetSampleRate);
        var samples = new short[resampled.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Clamp(Math.Round(resampled[i] * 32767f), short.MinValue, short.MaxValue);
        }

        return new AudioClip(samples, targetSampleRate);
    }

    private static float[] ReadMono(ISampleProvider provider, int channels)
    {
        var mono = new List<float>();
        var buffer = new float[4096 * channels];
        int read;
        while ((read = provider.Read(buffer)) > 0)
        {
            for (var i = 0; i + channels <= read; i += channels)
            {
                var sum = 0f;
                for (var c = 0; c < channels; c++)
                {
                    sum += buffer[i + c];
                }

                mono.Add(sum / channels);
            }
        }

        return [.. mono];
    }
}

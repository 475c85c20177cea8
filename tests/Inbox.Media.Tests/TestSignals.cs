namespace Inbox.Media.Tests;

/// <summary>Signals and measurements shared by the audio tests.</summary>
internal static class TestSignals
{
    public static short[] Tone(double frequency, int sampleRate, int samples, double amplitude, int startSample = 0)
    {
        var tone = new short[samples];
        for (var i = 0; i < samples; i++)
        {
            tone[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * (startSample + i) / sampleRate));
        }

        return tone;
    }

    public static double Rms(ReadOnlySpan<short> samples)
    {
        var sum = 0.0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    public static string TempPath(string extension) =>
        Path.Combine(Path.GetTempPath(), $"inbox-media-{Guid.NewGuid():N}{extension}");
}

namespace Inbox.Media.Tests.Codecs;

/// <summary>Test signals and measurements: sines, SNR after delay alignment, allocation counting.</summary>
internal static class Signal
{
    public static short[] Sine(double frequencyHz, int sampleRate, int samples, double amplitude = 10000, double delay = 0)
    {
        var pcm = new short[samples];
        for (var i = 0; i < samples; i++)
        {
            pcm[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequencyHz * (i - delay) / sampleRate));
        }

        return pcm;
    }

    public static double Rms(ReadOnlySpan<short> pcm)
    {
        var sum = 0.0;
        foreach (var s in pcm)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / pcm.Length);
    }

    /// <summary>
    /// SNR in dB of <paramref name="output"/> against <paramref name="reference"/>, after finding the codec's delay by
    /// cross-correlation (lags 0 to <paramref name="maxLag"/>) and skipping <paramref name="skip"/> warm-up samples.
    /// </summary>
    public static double AlignedSnrDb(short[] reference, short[] output, int maxLag, int skip, out int lag)
    {
        lag = BestLag(reference, output, maxLag, skip);
        var signal = 0.0;
        var noise = 0.0;
        for (var i = skip; i + lag < output.Length && i < reference.Length; i++)
        {
            double r = reference[i];
            var e = output[i + lag] - r;
            signal += r * r;
            noise += e * e;
        }

        return 10 * Math.Log10(signal / Math.Max(noise, 1e-9));
    }

    public static long AllocatedBytes(Action action, int iterations = 200)
    {
        for (var i = 0; i < 20; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static int BestLag(short[] reference, short[] output, int maxLag, int skip)
    {
        var best = 0;
        var bestScore = double.MinValue;
        for (var lag = 0; lag <= maxLag; lag++)
        {
            var score = 0.0;
            for (var i = skip; i + lag < output.Length && i < reference.Length; i++)
            {
                score += (double)reference[i] * output[i + lag];
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = lag;
            }
        }

        return best;
    }
}

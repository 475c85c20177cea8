namespace Inbox.Media.Players;

/// <summary>
/// Load-time sample-rate conversion for <see cref="AudioClip"/>: band-limited interpolation with a Blackman-windowed
/// sinc kernel (symmetric, so linear phase), its cutoff at the lower of the two Nyquist frequencies so downsampling
/// (44.1 kHz music to 8 kHz) does not alias. It costs about 32/cutoff multiply-adds per output sample: fine once per
/// clip, too slow for the per-frame path (that is the Codecs resampler's job).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class ClipResampler
{
    /// <summary>Zero crossings of the sinc on each side of the centre, at the output rate.</summary>
    private const int ZeroCrossings = 16;

    /// <summary>Converts <paramref name="input"/> from <paramref name="inputRate"/> to <paramref name="outputRate"/> Hz.</summary>
    public static float[] Resample(ReadOnlySpan<float> input, int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        if (inputRate == outputRate)
        {
            return input.ToArray();
        }

        var step = (double)inputRate / outputRate;
        // Cutoff as a fraction of the input Nyquist; 0.97 leaves room for the window's transition band.
        var cutoff = Math.Min(1.0, (double)outputRate / inputRate) * 0.97;
        var halfWidth = (int)Math.Ceiling(ZeroCrossings / cutoff);
        var output = new float[(int)((long)input.Length * outputRate / inputRate)];
        for (var n = 0; n < output.Length; n++)
        {
            var t = n * step;
            var centre = (int)Math.Floor(t);
            var first = Math.Max(0, centre - halfWidth + 1);
            var last = Math.Min(input.Length - 1, centre + halfWidth);
            var sum = 0.0;
            for (var k = first; k <= last; k++)
            {
                sum += input[k] * Kernel(t - k, cutoff, halfWidth);
            }

            output[n] = (float)sum;
        }

        return output;
    }

    private static double Kernel(double distance, double cutoff, int halfWidth)
    {
        var x = distance / halfWidth;
        if (x <= -1 || x >= 1)
        {
            return 0;
        }

        // Blackman window over [−halfWidth, halfWidth], centred on 0.
        var window = 0.42 + (0.5 * Math.Cos(Math.PI * x)) + (0.08 * Math.Cos(2 * Math.PI * x));
        var arg = Math.PI * cutoff * distance;
        var sinc = Math.Abs(arg) < 1e-9 ? 1.0 : Math.Sin(arg) / arg;
        return cutoff * sinc * window;
    }
}

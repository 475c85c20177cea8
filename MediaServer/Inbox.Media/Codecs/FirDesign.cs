namespace Inbox.Media.Codecs;

/// <summary>Kaiser-windowed sinc low-pass design (Kaiser and Schafer, 1980), computed once per resampler.</summary>
internal static class FirDesign
{
    /// <summary>
    /// Designs a linear-phase (symmetric) low-pass FIR with unity DC gain times <paramref name="gain"/>.
    /// </summary>
    /// <param name="taps">Number of taps; group delay is <c>(taps - 1) / 2</c> samples.</param>
    /// <param name="cutoff">The -6 dB point as a fraction of the sample rate (0 to 0.5).</param>
    /// <param name="beta">Kaiser β; 8 gives about 80 dB of stopband attenuation.</param>
    /// <param name="gain">DC gain (the interpolation factor for an interpolator, else 1).</param>
    public static double[] LowPass(int taps, double cutoff, double beta, double gain)
    {
        var h = new double[taps];
        var centre = (taps - 1) / 2.0;
        var sum = 0.0;
        for (var n = 0; n < taps; n++)
        {
            var x = n - centre;
            var sinc = x == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            var ratio = (2.0 * n / (taps - 1)) - 1;
            var window = BesselI0(beta * Math.Sqrt(1 - (ratio * ratio))) / BesselI0(beta);
            h[n] = sinc * window;
            sum += h[n];
        }

        for (var n = 0; n < taps; n++)
        {
            h[n] *= gain / sum;
        }

        return h;
    }

    /// <summary>Zeroth-order modified Bessel function of the first kind, by its power series.</summary>
    private static double BesselI0(double x)
    {
        var term = 1.0;
        var sum = 1.0;
        var quarterSquare = x * x / 4;
        for (var k = 1; k < 50 && term > sum * 1e-17; k++)
        {
            term *= quarterSquare / (k * k);
            sum += term;
        }

        return sum;
    }
}

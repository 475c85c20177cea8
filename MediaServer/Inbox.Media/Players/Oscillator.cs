namespace Inbox.Media.Players;

/// <summary>
/// A sine oscillator as a unit phasor rotated by 2πf/fs per sample: two multiplies and adds per sample. Rounding makes
/// the magnitude drift by about 1e-16 per sample, so <see cref="Normalise"/> is called once per frame. Not thread-safe.
/// </summary>
internal sealed class Oscillator
{
    private readonly double _cos;
    private readonly double _sin;
    private double _re = 1;
    private double _im;

    /// <param name="frequencyHz">Frequency in Hz (0 gives silence).</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    public Oscillator(double frequencyHz, int sampleRate)
    {
        var step = 2 * Math.PI * frequencyHz / sampleRate;
        _cos = Math.Cos(step);
        _sin = Math.Sin(step);
    }

    /// <summary>Returns sin(phase) and advances one sample.</summary>
    public double Next()
    {
        var value = _im;
        var re = (_re * _cos) - (_im * _sin);
        _im = (_re * _sin) + (_im * _cos);
        _re = re;
        return value;
    }

    /// <summary>Rescales the phasor to unit length.</summary>
    public void Normalise()
    {
        var scale = 1 / Math.Sqrt((_re * _re) + (_im * _im));
        _re *= scale;
        _im *= scale;
    }

    /// <summary>Starts again at phase 0.</summary>
    public void Restart()
    {
        _re = 1;
        _im = 0;
    }
}

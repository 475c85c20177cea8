namespace Inbox.Media.Players;

/// <summary>
/// Low-level white noise, so that a silent leg does not sound dead (the "line" a listener expects to hear).
/// Default level −60 dBFS RMS; uniform samples from a xorshift generator, allocation-free per frame.
/// </summary>
/// <remarks>Not thread-safe: one instance per leg, read by its media clock worker.</remarks>
internal sealed class ComfortNoiseSource : IAudioFrameSource
{
    private const double FullScale = 32767;
    private readonly int _peak;
    private uint _state;

    /// <summary>Creates a source at <paramref name="levelDbfs"/> dBFS RMS (−90 to −20; default −60).</summary>
    public ComfortNoiseSource(double levelDbfs = -60, uint seed = 0x2545_F491)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levelDbfs, -90);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(levelDbfs, -20);
        LevelDbfs = levelDbfs;
        // A uniform distribution on [−a, a] has an RMS of a/√3.
        var rms = FullScale * Math.Pow(10, levelDbfs / 20);
        _peak = Math.Max(1, (int)Math.Round(rms * Math.Sqrt(3)));
        _state = seed == 0 ? 1u : seed;
    }

    /// <summary>The RMS level in dBFS (0 dBFS = a full-scale square wave).</summary>
    public double LevelDbfs { get; }

    public void Read(Span<short> frame)
    {
        var span = (2 * _peak) + 1;
        var state = _state;
        for (var i = 0; i < frame.Length; i++)
        {
            // xorshift32 (Marsaglia 2003): fast, good enough for noise, and no shared Random.
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            frame[i] = (short)((int)(state % (uint)span) - _peak);
        }

        _state = state;
    }
}

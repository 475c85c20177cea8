namespace Inbox.EndToEndTests;

/// <summary>
/// µ-law audio a peer received, decoded to 8 kHz samples, and how much of it is at a given frequency (Goertzel): the
/// way to tell which tones a conference leg hears. Filled on the peer's receive loop, read by the test.
/// </summary>
internal sealed class ToneCapture
{
    private readonly Lock _gate = new();
    private readonly List<short> _samples = [];

    public int SampleCount
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count;
            }
        }
    }

    public void Add(ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            foreach (var encoded in payload)
            {
                _samples.Add(MuLaw.Decode(encoded));
            }
        }
    }

    /// <summary>The Goertzel power at <paramref name="hertz"/> over everything captured.</summary>
    public double Power(int hertz)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * hertz / 8000.0);
        double previous = 0, beforePrevious = 0;
        lock (_gate)
        {
            foreach (var sample in _samples)
            {
                var current = sample + (coefficient * previous) - beforePrevious;
                beforePrevious = previous;
                previous = current;
            }
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }
}

namespace Inbox.EndToEndTests;

/// <summary>
/// G.711 audio a peer received, decoded to 8 kHz samples, and how much of it is at a given frequency (Goertzel): the
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

    /// <summary>A second and a half of what each peer hears, decoded, once their tones have had time to reach the mix.</summary>
    public static async Task<ToneCapture[]> CaptureAsync(params RtpPeer[] peers)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        var captures = peers.Select(p => p.Capture = new ToneCapture()).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        foreach (var peer in peers)
        {
            peer.Capture = null;
        }

        return captures;
    }

    /// <summary>Its own tone is (nearly) absent from what the party heard; each of the others' is there, 20 times stronger.</summary>
    public void AssertHears(int own, params int[] others)
    {
        Assert.True(SampleCount >= 8000, $"only {SampleCount} samples heard");
        foreach (var other in others)
        {
            Assert.True(Power(other) > 20 * Power(own), $"{other} Hz: {Power(other):E2} against its own {own} Hz: {Power(own):E2}");
        }
    }

    public void Add(ReadOnlySpan<byte> payload, byte payloadType)
    {
        lock (_gate)
        {
            foreach (var encoded in payload)
            {
                _samples.Add(G711.Decode(payloadType, encoded));
            }
        }
    }

    /// <summary>Adds 16-bit little-endian linear samples, a WAV recording's data.</summary>
    public void AddLinear(ReadOnlySpan<byte> pcm)
    {
        lock (_gate)
        {
            for (var i = 0; i + 1 < pcm.Length; i += 2)
            {
                _samples.Add(System.Buffers.Binary.BinaryPrimitives.ReadInt16LittleEndian(pcm[i..]));
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

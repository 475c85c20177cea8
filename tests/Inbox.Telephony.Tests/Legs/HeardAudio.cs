namespace Inbox.Telephony.Tests.Legs;

/// <summary>Decoded 8 kHz audio a test socket received, and the payload type it came in.</summary>
internal sealed record HeardAudio(int PayloadType, short[] Samples)
{
    /// <summary>The Goertzel power of the 8 kHz samples at <paramref name="hertz"/>.</summary>
    public double Power(int hertz)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * hertz / 8000.0);
        double previous = 0, beforePrevious = 0;
        foreach (var sample in Samples)
        {
            var current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }
}

namespace Inbox.Telephony.Tests.Features;

/// <summary>Tells a recorded channel's 20 ms frames apart: silent, a tone at the frequency looked for, or other sound.</summary>
internal static class WavFrames
{
    public enum Kind
    {
        Silent,
        Tone,
        Other,
    }

    public static List<Kind> Classify(short[] samples, int sampleRate, double hertz)
    {
        var frame = sampleRate / 50;
        var kinds = new List<Kind>();
        for (var start = 0; start + frame <= samples.Length; start += frame)
        {
            var span = samples.AsSpan(start, frame);
            var energy = 0.0;
            foreach (var sample in span)
            {
                energy += (double)sample * sample;
            }

            // Goertzel: the share of the frame's energy at the frequency (Parseval: |X(k)|² = N/2 · Σx² for a pure tone).
            var share = energy == 0 ? 0 : Goertzel(span, sampleRate, hertz) / (energy * frame / 2);
            kinds.Add(energy / frame < 100 ? Kind.Silent : share > 0.8 ? Kind.Tone : Kind.Other);
        }

        return kinds;
    }

    /// <summary>The longest run of silent frames, and the tone frames before and after it.</summary>
    public static (int Run, int ToneBefore, int ToneAfter) LongestSilence(List<Kind> frames)
    {
        var (bestStart, bestLength) = (0, 0);
        for (var i = 0; i < frames.Count;)
        {
            var j = i;
            while (j < frames.Count && frames[j] == Kind.Silent)
            {
                j++;
            }

            if (j - i > bestLength)
            {
                (bestStart, bestLength) = (i, j - i);
            }

            i = j + 1;
        }

        return (bestLength, frames.Take(bestStart).Count(k => k == Kind.Tone), frames.Skip(bestStart + bestLength).Count(k => k == Kind.Tone));
    }

    public static string Describe(List<Kind> frames) => string.Concat(frames.Select(k => k switch { Kind.Silent => '.', Kind.Tone => 'T', _ => 'o' }));

    private static double Goertzel(ReadOnlySpan<short> samples, int sampleRate, double hertz)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * hertz / sampleRate);
        var (previous, beforePrevious) = (0.0, 0.0);
        foreach (var sample in samples)
        {
            var current = sample + (coefficient * previous) - beforePrevious;
            (beforePrevious, previous) = (previous, current);
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }
}

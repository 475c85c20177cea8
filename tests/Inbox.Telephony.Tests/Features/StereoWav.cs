using System.Buffers.Binary;

namespace Inbox.Telephony.Tests.Features;

/// <summary>
/// Reads a call recording (16-bit stereo WAV, 44-byte header) and tells a channel's 20 ms frames apart: silent, a tone
/// at the frequency looked for, or other sound. Shared with Inbox.EndToEndTests, which links this file.
/// </summary>
internal static class StereoWav
{
    public enum Kind
    {
        Silent,
        Tone,
        Other,
    }

    /// <summary>Whether the recording is closed: the writer rewrites the data size last, when it closes.</summary>
    public static bool IsClosed(string file)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        var bytes = File.ReadAllBytes(file);
        return bytes.Length > 44 && BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)) == bytes.Length - 44;
    }

    public static (short[] Left, short[] Right, int Channels, int SampleRate) Read(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var samples = (bytes.Length - 44) / 4;
        var (left, right) = (new short[samples], new short[samples]);
        for (var i = 0; i < samples; i++)
        {
            left[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(44 + (4 * i)));
            right[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(46 + (4 * i)));
        }

        return (left, right, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(22)), BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24)));
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

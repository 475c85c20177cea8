using System.Numerics;
using System.Runtime.InteropServices;

namespace Inbox.Media.Mixing;

/// <summary>
/// The 16-bit ↔ float steps of the mixer as <see cref="Vector{T}"/> loops. TensorPrimitives' generic
/// ConvertTruncating&lt;short, float&gt; and ConvertSaturating&lt;float, short&gt; ran scalar here and made the mixer
/// slower than a plain int loop (MixerBenchmarks, first run); these widen/narrow whole vectors instead.
/// </summary>
/// <remarks>Stateless and thread-safe; the spans must have equal lengths.</remarks>
internal static class PcmVector
{
    private static readonly Vector<float> s_min = new(short.MinValue);
    private static readonly Vector<float> s_max = new(short.MaxValue);

    /// <summary>Converts 16-bit samples to float (exact).</summary>
    public static void Widen(ReadOnlySpan<short> source, Span<float> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var shorts = MemoryMarshal.Cast<short, Vector<short>>(source);
            var half = Vector<int>.Count;
            foreach (var vector in shorts)
            {
                Vector.Widen(vector, out var low, out var high);
                Vector.ConvertToSingle(low).CopyTo(destination[i..]);
                Vector.ConvertToSingle(high).CopyTo(destination[(i + half)..]);
                i += Vector<short>.Count;
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    /// <summary>Writes <c>clamp(minuend − subtrahend)</c> to 16 bits, truncating toward zero: the N−1 output.</summary>
    public static void SubtractSaturate(ReadOnlySpan<float> minuend, ReadOnlySpan<float> subtrahend, Span<short> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var half = Vector<float>.Count;
            for (; i <= destination.Length - Vector<short>.Count; i += Vector<short>.Count)
            {
                var low = Vector.ConvertToInt32(Clamp(new Vector<float>(minuend[i..]) - new Vector<float>(subtrahend[i..])));
                var high = Vector.ConvertToInt32(Clamp(new Vector<float>(minuend[(i + half)..]) - new Vector<float>(subtrahend[(i + half)..])));
                Vector.Narrow(low, high).CopyTo(destination[i..]);
            }
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = (short)Math.Clamp(minuend[i] - subtrahend[i], short.MinValue, short.MaxValue);
        }
    }

    /// <summary>Writes <c>clamp(source)</c> to 16 bits, truncating toward zero.</summary>
    public static void Saturate(ReadOnlySpan<float> source, Span<short> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var half = Vector<float>.Count;
            for (; i <= destination.Length - Vector<short>.Count; i += Vector<short>.Count)
            {
                var low = Vector.ConvertToInt32(Clamp(new Vector<float>(source[i..])));
                var high = Vector.ConvertToInt32(Clamp(new Vector<float>(source[(i + half)..])));
                Vector.Narrow(low, high).CopyTo(destination[i..]);
            }
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = (short)Math.Clamp(source[i], short.MinValue, short.MaxValue);
        }
    }

    private static Vector<float> Clamp(Vector<float> value) => Vector.Min(Vector.Max(value, s_min), s_max);
}

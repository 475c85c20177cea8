using NAudio.Codecs;

namespace Inbox.Media.Codecs;

/// <summary>
/// G.711 lookup tables built once at type initialisation from NAudio.Core's per-sample µ-law and A-law converters:
/// a 65,536-entry encode table per law (one load per sample instead of NAudio's segment search). 128 KB in all,
/// shared read-only by every stream, so thread-safe. Decoding uses NAudio's own 256-entry tables.
/// </summary>
/// <remarks>Encode by table versus NAudio per sample: see benchmarks/Inbox.Benchmarks/Codecs/G711Benchmarks.cs.</remarks>
internal static class G711Tables
{
    /// <summary>µ-law byte for each 16-bit sample, indexed by <c>(ushort)sample</c>.</summary>
    public static readonly byte[] MuLawEncode = BuildEncode(MuLawEncoder.LinearToMuLawSample);

    /// <summary>A-law byte for each 16-bit sample, indexed by <c>(ushort)sample</c>.</summary>
    public static readonly byte[] ALawEncode = BuildEncode(ALawEncoder.LinearToALawSample);


    private static byte[] BuildEncode(Func<short, byte> encode)
    {
        var table = new byte[65536];
        for (var i = 0; i < table.Length; i++)
        {
            // NAudio.Core 3.3.0 negates the sample to take its magnitude, and -(-32768) overflows to -32768, which
            // it encodes as negative zero: a clipped negative peak would become silence. -32767 encodes correctly to
            // the same code the standard gives -32768 (0x00 µ-law, 0x2A A-law). G711CodecTests covers it.
            table[i] = encode(Math.Max((short)(ushort)i, (short)-32767));
        }

        return table;
    }
}

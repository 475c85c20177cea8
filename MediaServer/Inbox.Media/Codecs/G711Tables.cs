using NAudio.Codecs;

namespace Inbox.Media.Codecs;

/// <summary>
/// G.711 lookup tables built once at type initialisation from NAudio.Core's per-sample µ-law and A-law converters:
/// a 65,536-entry encode table per law (one load per sample instead of NAudio's segment search) and a 256-entry
/// decode table per law. 130 KB in all, shared read-only by every stream, so thread-safe.
/// </summary>
/// <remarks>Encode by table versus NAudio per sample: see benchmarks/Inbox.Benchmarks/Codecs/G711Benchmarks.cs.</remarks>
internal static class G711Tables
{
    /// <summary>µ-law byte for each 16-bit sample, indexed by <c>(ushort)sample</c>.</summary>
    public static readonly byte[] MuLawEncode = BuildEncode(MuLawEncoder.LinearToMuLawSample);

    /// <summary>A-law byte for each 16-bit sample, indexed by <c>(ushort)sample</c>.</summary>
    public static readonly byte[] ALawEncode = BuildEncode(ALawEncoder.LinearToALawSample);

    /// <summary>Linear sample for each µ-law byte.</summary>
    public static readonly short[] MuLawDecode = BuildDecode(MuLawDecoder.MuLawToLinearSample);

    /// <summary>Linear sample for each A-law byte.</summary>
    public static readonly short[] ALawDecode = BuildDecode(ALawDecoder.ALawToLinearSample);

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

    private static short[] BuildDecode(Func<byte, short> decode)
    {
        var table = new short[256];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = decode((byte)i);
        }

        return table;
    }
}

namespace Inbox.EndToEndTests;

/// <summary>G.711 µ-law encoding (ITU-T G.711, the classic segment search), so a peer can send real audio, and decoding to hear it.</summary>
internal static class MuLaw
{
    private const int Bias = 0x84;
    private const int Clip = 32635;

    public static byte Encode(short sample)
    {
        var sign = (sample >> 8) & 0x80;
        var magnitude = Math.Min(Math.Abs((int)sample), Clip) + Bias;
        var exponent = 7;
        for (var mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    public static short Decode(byte encoded)
    {
        var value = ~encoded & 0xFF;
        var exponent = (value >> 4) & 0x07;
        var magnitude = ((((value & 0x0F) << 3) + Bias) << exponent) - Bias;
        return (short)((value & 0x80) != 0 ? -magnitude : magnitude);
    }
}

using System.Buffers.Binary;

namespace Inbox.Media.Recording;

/// <summary>The 44-byte canonical RIFF/WAVE header of 16-bit PCM (WAVE_FORMAT_PCM, "fmt " then "data").</summary>
internal static class WavHeader
{
    /// <summary>The header's length in bytes; the samples start here.</summary>
    public const int Length = 44;

    /// <summary>The largest data chunk a RIFF size field (32-bit, and 36 bytes of header counted in it) can describe.</summary>
    public const long MaxDataBytes = uint.MaxValue - 36L;

    /// <summary>Byte offset of the RIFF chunk size (file length − 8).</summary>
    public const int RiffSizeOffset = 4;

    /// <summary>Byte offset of the data chunk size.</summary>
    public const int DataSizeOffset = 40;

    /// <summary>Writes the header for <paramref name="dataBytes"/> bytes of 16-bit samples into <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, int sampleRate, int channels, long dataBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dataBytes, MaxDataBytes);
        const int bytesPerSample = 2;
        "RIFF"u8.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[RiffSizeOffset..], (uint)(36 + dataBytes));
        "WAVE"u8.CopyTo(destination[8..]);
        "fmt "u8.CopyTo(destination[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[20..], 1); // WAVE_FORMAT_PCM
        BinaryPrimitives.WriteUInt16LittleEndian(destination[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], (uint)(sampleRate * channels * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[32..], (ushort)(channels * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[34..], 16);
        "data"u8.CopyTo(destination[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[DataSizeOffset..], (uint)dataBytes);
    }
}

using System.Buffers.Binary;
using System.Text.Unicode;

namespace Inbox.Interactions.Messages;

/// <summary>
/// Recognises plain text (.txt, .csv): UTF-8, with or without a byte order mark, or UTF-16 with one. A NUL
/// character marks binary content, as it does for git's and grep's binary detection.
/// </summary>
internal static class TextContent
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
    private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];
    private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];

    public static ContentVerdict Check(ReadOnlySpan<byte> content)
    {
        var isText = content.StartsWith(Utf16LittleEndianBom) ? IsUtf16(content[2..], bigEndian: false)
            : content.StartsWith(Utf16BigEndianBom) ? IsUtf16(content[2..], bigEndian: true)
            : IsUtf8(content);
        return isText ? ContentVerdict.Matches : ContentVerdict.Mismatch;
    }

    /// <summary>Valid UTF-8 without NUL, after an optional byte order mark.</summary>
    public static bool IsUtf8(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Utf8Bom))
        {
            content = content[Utf8Bom.Length..];
        }

        return !content.Contains((byte)0) && Utf8.IsValid(content);
    }

    /// <summary>Whole code units, no NUL, and every surrogate in a high-low pair (RFC 2781 §2.2).</summary>
    private static bool IsUtf16(ReadOnlySpan<byte> content, bool bigEndian)
    {
        if (content.Length % 2 != 0)
        {
            return false;
        }

        var expectLow = false;
        for (var i = 0; i < content.Length; i += 2)
        {
            var unit = bigEndian
                ? BinaryPrimitives.ReadUInt16BigEndian(content[i..])
                : BinaryPrimitives.ReadUInt16LittleEndian(content[i..]);
            if (unit == 0 || char.IsLowSurrogate((char)unit) != expectLow)
            {
                return false;
            }

            expectLow = char.IsHighSurrogate((char)unit);
        }

        return !expectLow;
    }
}

using System.Buffers.Binary;

namespace Inbox.Interactions.Messages;

/// <summary>
/// Recognises binary formats by their magic bytes. Each check reads only the first bytes it needs, except the
/// OOXML ones, which look for part names in the archive.
/// </summary>
internal static class FileSignatures
{
    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Png => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Ebml => [0x1A, 0x45, 0xDF, 0xA3];
    private static ReadOnlySpan<byte> Rar => [(byte)'R', (byte)'a', (byte)'r', (byte)'!', 0x1A, 0x07];
    private static ReadOnlySpan<byte> ZipEntry => [(byte)'P', (byte)'K', 0x03, 0x04];
    private static ReadOnlySpan<byte> ZipEmpty => [(byte)'P', (byte)'K', 0x05, 0x06];
    private static ReadOnlySpan<byte> Ole2 => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static ContentVerdict IsJpeg(ReadOnlySpan<byte> content) => Verdict(content.StartsWith(Jpeg));

    public static ContentVerdict IsPng(ReadOnlySpan<byte> content) => Verdict(content.StartsWith(Png));

    public static ContentVerdict IsGif(ReadOnlySpan<byte> content) =>
        Verdict(content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8));

    public static ContentVerdict IsWebP(ReadOnlySpan<byte> content) => Verdict(IsRiff(content, "WEBP"u8));

    public static ContentVerdict IsWav(ReadOnlySpan<byte> content) => Verdict(IsRiff(content, "WAVE"u8));

    public static ContentVerdict IsWebM(ReadOnlySpan<byte> content) => Verdict(content.StartsWith(Ebml));

    /// <summary>MP4 and M4A are ISO base media files (ISO/IEC 14496-12 §4.3): they open with a 'ftyp' box.</summary>
    public static ContentVerdict IsIsoMedia(ReadOnlySpan<byte> content) => Verdict(HasBoxAtStart(content, "ftyp"u8));

    /// <summary>
    /// QuickTime files from current cameras open with 'ftyp' too, but older ones, which predate it, open with a
    /// movie, wide, media-data or free-space atom.
    /// </summary>
    public static ContentVerdict IsQuickTime(ReadOnlySpan<byte> content) =>
        Verdict(HasBoxAtStart(content, "ftyp"u8) || HasBoxAtStart(content, "moov"u8) || HasBoxAtStart(content, "wide"u8)
            || HasBoxAtStart(content, "mdat"u8) || HasBoxAtStart(content, "free"u8));

    public static ContentVerdict IsPdf(ReadOnlySpan<byte> content) => Verdict(content.StartsWith("%PDF-"u8));

    /// <summary>RAR 1.5 to 4 continue with 0x00, RAR 5 with 0x01 0x00; the common prefix covers both.</summary>
    public static ContentVerdict IsRar(ReadOnlySpan<byte> content) => Verdict(content.StartsWith(Rar));

    public static ContentVerdict IsZip(ReadOnlySpan<byte> content) => Verdict(IsZipArchive(content));

    /// <summary>
    /// A .docx is a ZIP holding an OPC package (ECMA-376 Part 2): a "[Content_Types].xml" part and, by the naming
    /// every producer follows, its main part under "word/". Names are stored uncompressed, so a byte search finds
    /// them; searching from the end reaches the central directory first.
    /// </summary>
    public static ContentVerdict IsWordprocessingDocument(ReadOnlySpan<byte> content) =>
        Verdict(IsOpcPackage(content) && content.LastIndexOf("word/"u8) >= 0);

    /// <summary>As <see cref="IsWordprocessingDocument"/>, with the workbook under "xl/".</summary>
    public static ContentVerdict IsSpreadsheetDocument(ReadOnlySpan<byte> content) =>
        Verdict(IsOpcPackage(content) && content.LastIndexOf("xl/"u8) >= 0);

    /// <summary>Legacy Office files (.doc, .xls) are OLE2 compound files ([MS-CFB] §2.2).</summary>
    public static ContentVerdict IsCompoundFile(ReadOnlySpan<byte> content) => Verdict(content.StartsWith(Ole2));

    /// <summary>
    /// An ID3v2 tag, or an MPEG audio frame header (ISO/IEC 11172-3 §2.4.2.3): 11 sync bits, then a version other
    /// than the reserved 01 and a layer other than the reserved 00. Layer 00 is what AAC's ADTS header has there.
    /// </summary>
    public static ContentVerdict IsMpegAudio(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("ID3"u8))
        {
            return ContentVerdict.Matches;
        }

        return Verdict(content.Length >= 2 && content[0] == 0xFF && (content[1] & 0xE0) == 0xE0
            && (content[1] & 0x18) != 0x08 && (content[1] & 0x06) != 0x00);
    }

    /// <summary>
    /// An ADTS stream (ISO/IEC 13818-7 §6.2: 12 sync bits, any MPEG version, layer 00, with or without CRC, so
    /// FF F0/F1/F8/F9), an ADIF header, or an ID3v2 tag, which stream recorders put in front of ADTS frames.
    /// </summary>
    public static ContentVerdict IsAac(ReadOnlySpan<byte> content) =>
        Verdict((content.Length >= 2 && content[0] == 0xFF && (content[1] & 0xF6) == 0xF0)
            || content.StartsWith("ADIF"u8) || content.StartsWith("ID3"u8));

    public static ContentVerdict IsOgg(ReadOnlySpan<byte> content) => Verdict(content.StartsWith("OggS"u8));

    public static ContentVerdict IsFlac(ReadOnlySpan<byte> content) => Verdict(content.StartsWith("fLaC"u8));

    private static ContentVerdict Verdict(bool matches) => matches ? ContentVerdict.Matches : ContentVerdict.Mismatch;

    /// <summary>A RIFF file: "RIFF", a little-endian length, then the form type (WAVE, WEBP).</summary>
    private static bool IsRiff(ReadOnlySpan<byte> content, ReadOnlySpan<byte> form) =>
        content.Length >= 12 && content.StartsWith("RIFF"u8) && content.Slice(8, 4).SequenceEqual(form);

    /// <summary>An ISO/QuickTime box: a 32-bit big-endian size (0 = to the end, 1 = 64-bit size follows), then its type.</summary>
    private static bool HasBoxAtStart(ReadOnlySpan<byte> content, ReadOnlySpan<byte> type)
    {
        if (content.Length < 8 || !content.Slice(4, 4).SequenceEqual(type))
        {
            return false;
        }

        var size = BinaryPrimitives.ReadUInt32BigEndian(content);
        return size is 0 or 1 or >= 8;
    }

    /// <summary>A local file header starts any archive with entries; an empty archive is only its end record.</summary>
    private static bool IsZipArchive(ReadOnlySpan<byte> content) =>
        content.StartsWith(ZipEntry) || content.StartsWith(ZipEmpty);

    private static bool IsOpcPackage(ReadOnlySpan<byte> content) =>
        content.StartsWith(ZipEntry) && content.LastIndexOf("[Content_Types].xml"u8) >= 0;
}

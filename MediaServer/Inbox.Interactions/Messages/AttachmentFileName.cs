using System.Buffers;

namespace Inbox.Interactions.Messages;

/// <summary>
/// Checks an attachment's file name, which is later used to save the file: a bare name with an extension, no path
/// and nothing that would render misleadingly.
/// </summary>
internal static class AttachmentFileName
{
    /// <summary>The common file-system limit (ext4, NTFS, APFS all allow 255 per name).</summary>
    public const int MaxLength = 255;

    private const int DisplayLength = 60;

    // '/' and '\' separate directories; ':' names a drive or an NTFS alternate data stream.
    private static readonly SearchValues<char> s_pathCharacters = SearchValues.Create("/\\:");

    // Bidirectional formatting characters let "invoice\u202Efdp.exe" display as "invoiceexe.pdf" (Unicode TR 36 §2.1).
    private static readonly SearchValues<char> s_bidiControls = SearchValues.Create(
        "\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>Why the name cannot be used, or null; on success, the extension without its dot.</summary>
    public static string? Problem(string fileName, out ReadOnlySpan<char> extension)
    {
        extension = default;
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "the attachment has no file name";
        }

        if (fileName.AsSpan().ContainsAny(s_pathCharacters))
        {
            return $"{ForDisplay(fileName)}: the file name must not contain a path";
        }

        if (HasControlCharacters(fileName))
        {
            return $"{ForDisplay(fileName)}: the file name contains control characters";
        }

        if (fileName.Length > MaxLength)
        {
            return $"{ForDisplay(fileName)}: the file name is longer than {MaxLength} characters";
        }

        var dot = fileName.LastIndexOf('.');
        if (dot < 0 || dot == fileName.Length - 1)
        {
            return $"{fileName}: the file name has no extension (allowed: {AttachmentFormats.AllowedList})";
        }

        if (dot == 0 || fileName.AsSpan(0, dot).Trim().Trim('.').IsEmpty)
        {
            return $"{fileName}: the file name has nothing before the extension";
        }

        extension = fileName.AsSpan(dot + 1);
        return null;
    }

    /// <summary>
    /// The name as a refusal message may show it: control characters replaced and long names shortened, so the
    /// message neither breaks a log line nor carries the trick it reports.
    /// </summary>
    public static string ForDisplay(string fileName)
    {
        var shown = fileName;
        if (fileName.Length > DisplayLength)
        {
            // Cut before a surrogate pair rather than through it.
            var cut = char.IsHighSurrogate(fileName[DisplayLength - 1]) ? DisplayLength - 1 : DisplayLength;
            shown = fileName[..cut] + "…";
        }

        return HasControlCharacters(shown)
            ? string.Create(shown.Length, shown, static (chars, name) =>
            {
                for (var i = 0; i < chars.Length; i++)
                {
                    chars[i] = IsControl(name[i]) ? '\uFFFD' : name[i];
                }
            })
            : shown;
    }

    private static bool HasControlCharacters(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsControl(char c) => char.IsControl(c) || s_bidiControls.Contains(c);
}

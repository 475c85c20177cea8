using System.Buffers;
using System.Text;

namespace Inbox.Interactions.Messages;

/// <summary>
/// Recognises an SVG image and refuses one that carries script. An SVG opened in a browser is a document like a
/// web page: script in it runs with the agent's session, so a customer could send an XSS payload as a "picture".
/// The scan walks the markup (not the raw text, which a namespace prefix or a character reference would fool) and
/// refuses script elements, frames, event-handler attributes, javascript: URLs, entity declarations and style-sheet
/// instructions. It is a second line of defence; the web client still serves SVG with a script-blocking policy.
/// </summary>
internal static class SvgContent
{
    private static readonly SearchValues<byte> s_nameEnd = SearchValues.Create(" \t\r\n/>="u8);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static ContentVerdict Check(ReadOnlySpan<byte> content)
    {
        if (!TextContent.IsUtf8(content))
        {
            return ContentVerdict.Mismatch;
        }

        if (content.StartsWith(Utf8Bom))
        {
            content = content[Utf8Bom.Length..];
        }

        var sawRoot = false;
        var pos = 0;
        while (true)
        {
            var next = content[pos..].IndexOf((byte)'<');
            var text = next < 0 ? content[pos..] : content.Slice(pos, next);
            if (!sawRoot && text.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                return ContentVerdict.Mismatch;
            }

            if (next < 0)
            {
                return sawRoot ? ContentVerdict.Matches : ContentVerdict.Mismatch;
            }

            pos += next;
            var verdict = ScanMarkup(content, ref pos, ref sawRoot);
            if (verdict != ContentVerdict.Matches)
            {
                return verdict;
            }
        }
    }

    /// <summary>Reads the markup that starts at <paramref name="pos"/> ('&lt;') and moves past it.</summary>
    private static ContentVerdict ScanMarkup(ReadOnlySpan<byte> content, ref int pos, ref bool sawRoot)
    {
        var markup = content[pos..];
        if (markup.StartsWith("<!--"u8))
        {
            return SkipPast(content, ref pos, "-->"u8);
        }

        if (markup.StartsWith("<![CDATA["u8))
        {
            return sawRoot ? SkipPast(content, ref pos, "]]>"u8) : ContentVerdict.Mismatch;
        }

        if (markup.StartsWith("<!DOCTYPE"u8))
        {
            // An internal subset can declare entities whose text becomes markup when expanded, for instance
            // <!ENTITY x "&#60;script>…">, so no scan of the document text would see the script.
            var end = markup.IndexOf((byte)'>');
            return sawRoot || end < 0 ? ContentVerdict.Mismatch
                : markup[..end].Contains((byte)'[') ? ContentVerdict.ActiveContent
                : SkipPast(content, ref pos, ">"u8);
        }

        if (markup.StartsWith("<?"u8))
        {
            // Only the XML declaration, which must come first. Other instructions, such as xml-stylesheet, can
            // apply an XSLT transform, and its output can contain script.
            var isDeclaration = markup.StartsWith("<?xml"u8) && markup.Length > 5 && IsWhitespace(markup[5]);
            return !isDeclaration ? ContentVerdict.ActiveContent
                : pos == 0 ? SkipPast(content, ref pos, "?>"u8)
                : ContentVerdict.Mismatch;
        }

        if (markup.StartsWith("</"u8))
        {
            return sawRoot ? SkipPast(content, ref pos, ">"u8) : ContentVerdict.Mismatch;
        }

        if (markup.StartsWith("<!"u8))
        {
            return ContentVerdict.Mismatch;
        }

        pos++;
        return ScanStartTag(content, ref pos, ref sawRoot);
    }

    private static ContentVerdict ScanStartTag(ReadOnlySpan<byte> content, ref int pos, ref bool sawRoot)
    {
        var element = LocalName(ReadName(content, ref pos));
        if (element.IsEmpty || (!sawRoot && !element.SequenceEqual("svg"u8)))
        {
            return ContentVerdict.Mismatch;
        }

        sawRoot = true;
        if (IsBlockedElement(element))
        {
            return ContentVerdict.ActiveContent;
        }

        while (true)
        {
            SkipWhitespace(content, ref pos);
            var rest = content[pos..];
            if (rest.StartsWith(">"u8) || rest.StartsWith("/>"u8))
            {
                pos += rest[0] == '>' ? 1 : 2;
                return ContentVerdict.Matches;
            }

            var attribute = LocalName(ReadName(content, ref pos));
            if (attribute.IsEmpty)
            {
                return ContentVerdict.Mismatch;
            }

            if (attribute.Length > 2 && Ascii.EqualsIgnoreCase(attribute[..2], "on"u8))
            {
                return ContentVerdict.ActiveContent;
            }

            SkipWhitespace(content, ref pos);
            if (pos >= content.Length || content[pos] != '=')
            {
                return ContentVerdict.Mismatch;
            }

            pos++;
            SkipWhitespace(content, ref pos);
            var quote = pos < content.Length ? content[pos] : (byte)0;
            var length = quote is (byte)'"' or (byte)'\'' ? content[(pos + 1)..].IndexOf(quote) : -1;
            if (length < 0)
            {
                return ContentVerdict.Mismatch;
            }

            var value = content.Slice(pos + 1, length);
            if (ContainsScriptUrl(value) || IsAnimatedEventHandler(attribute, value))
            {
                return ContentVerdict.ActiveContent;
            }

            pos += length + 2;
        }
    }

    /// <summary>
    /// Elements that run script or load another document into the image: script (with any namespace prefix) and,
    /// inside a foreignObject, HTML frames and plug-ins.
    /// </summary>
    private static bool IsBlockedElement(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "script"u8) || Ascii.EqualsIgnoreCase(name, "iframe"u8)
        || Ascii.EqualsIgnoreCase(name, "frame"u8) || Ascii.EqualsIgnoreCase(name, "embed"u8)
        || Ascii.EqualsIgnoreCase(name, "object"u8);

    /// <summary>An animation (set, animate) that targets an event-handler attribute, such as attributeName="onload".</summary>
    private static bool IsAnimatedEventHandler(ReadOnlySpan<byte> attribute, ReadOnlySpan<byte> value)
    {
        value = value.Trim(" \t\r\n"u8);
        return attribute.SequenceEqual("attributeName"u8) && value.Length > 2 && Ascii.EqualsIgnoreCase(value[..2], "on"u8);
    }

    /// <summary>
    /// Whether an attribute value holds "javascript:" as a URL parser would read it: with character references
    /// decoded, ASCII case folded, and tabs, line breaks and spaces dropped (WHATWG URL §4.4 strips the first two
    /// anywhere; dropping spaces too only makes the check stricter).
    /// </summary>
    private static bool ContainsScriptUrl(ReadOnlySpan<byte> value)
    {
        var pattern = "javascript:"u8;
        var matched = 0;
        for (var i = 0; i < value.Length; i++)
        {
            int c = value[i];
            if (c == '&' && TryReadCharacterReference(value[i..], out var decoded, out var length))
            {
                c = decoded;
                i += length - 1;
            }

            if (c <= ' ')
            {
                continue;
            }

            c = c is >= 'A' and <= 'Z' ? c + ('a' - 'A') : c;

            // 'j' occurs only first in the pattern, so after a mismatch a match can only restart at this character.
            matched = c == pattern[matched] ? matched + 1 : c == pattern[0] ? 1 : 0;
            if (matched == pattern.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Decodes "&amp;#106;" or "&amp;#x6A;" (XML 1.0 §4.1) at the start of <paramref name="text"/>.</summary>
    private static bool TryReadCharacterReference(ReadOnlySpan<byte> text, out int codePoint, out int length)
    {
        codePoint = 0;
        length = 0;
        if (!text.StartsWith("&#"u8))
        {
            return false;
        }

        var hex = text.Length > 2 && text[2] == 'x';
        var i = hex ? 3 : 2;
        var digits = 0;
        for (; i < text.Length && text[i] != ';'; i++, digits++)
        {
            var digit = HexDigitValue(text[i]);
            if (digit < 0 || (!hex && digit > 9) || digits == 7)
            {
                return false;
            }

            codePoint = (codePoint * (hex ? 16 : 10)) + digit;
        }

        length = i + 1;
        return digits > 0 && i < text.Length;
    }

    private static int HexDigitValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static ReadOnlySpan<byte> ReadName(ReadOnlySpan<byte> content, ref int pos)
    {
        var length = content[pos..].IndexOfAny(s_nameEnd);
        var name = length < 0 ? [] : content.Slice(pos, length);
        pos += name.Length;
        return name;
    }

    private static ReadOnlySpan<byte> LocalName(ReadOnlySpan<byte> name) => name[(name.LastIndexOf((byte)':') + 1)..];

    private static ContentVerdict SkipPast(ReadOnlySpan<byte> content, ref int pos, ReadOnlySpan<byte> terminator)
    {
        var at = content[pos..].IndexOf(terminator);
        if (at < 0)
        {
            return ContentVerdict.Mismatch;
        }

        pos += at + terminator.Length;
        return ContentVerdict.Matches;
    }

    private static void SkipWhitespace(ReadOnlySpan<byte> content, ref int pos)
    {
        while (pos < content.Length && IsWhitespace(content[pos]))
        {
            pos++;
        }
    }

    private static bool IsWhitespace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}

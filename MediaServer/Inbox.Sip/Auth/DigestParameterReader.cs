using Inbox.Sip.Messages;

namespace Inbox.Sip.Auth;

/// <summary>
/// Reads the <c>Digest</c> scheme and its comma-separated <c>name=value</c> parameters from a credentials or
/// challenge header value (RFC 3261 §25.1 <c>digest-response</c>/<c>digest-cln</c>, RFC 7616 §3.3–§3.4).
/// Whitespace (including folded line breaks) is allowed around <c>=</c> and <c>,</c>, empty list elements are
/// skipped (RFC 7230 §7), and values may be tokens or quoted strings. Never throws on malformed input.
/// </summary>
internal ref struct DigestParameterReader
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    private DigestParameterReader(ReadOnlySpan<char> text, int position)
    {
        _text = text;
        _position = position;
        IsMalformed = false;
    }

    /// <summary>True once <see cref="TryReadNext"/> stopped on bad syntax rather than at the end.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>Checks that <paramref name="text"/> starts with the <c>Digest</c> scheme (case-insensitive).</summary>
    public static bool TryCreate(ReadOnlySpan<char> text, out DigestParameterReader reader)
    {
        reader = default;
        var position = SipText.SkipWhitespace(text, 0);
        var start = position;
        while (position < text.Length && SipText.IsTokenChar(text[position]))
        {
            position++;
        }

        if (!text[start..position].Equals("Digest", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // The scheme and the first parameter are separated by at least one whitespace character.
        var afterScheme = SipText.SkipWhitespace(text, position);
        if (afterScheme == position || afterScheme == text.Length)
        {
            return false;
        }

        reader = new DigestParameterReader(text, afterScheme);
        return true;
    }

    /// <summary>
    /// Reads the next parameter. <paramref name="value"/> keeps the quotes of a quoted string
    /// (<paramref name="quoted"/> is then true). Returns false at the end or on bad syntax
    /// (see <see cref="IsMalformed"/>).
    /// </summary>
    public bool TryReadNext(out ReadOnlySpan<char> name, out ReadOnlySpan<char> value, out bool quoted)
    {
        name = default;
        value = default;
        quoted = false;
        var text = _text;
        var position = SkipSeparators(text, _position);
        if (position >= text.Length)
        {
            _position = position;
            return false;
        }

        var nameStart = position;
        while (position < text.Length && SipText.IsTokenChar(text[position]))
        {
            position++;
        }

        name = text[nameStart..position];
        position = SipText.SkipWhitespace(text, position);
        if (name.IsEmpty || position >= text.Length || text[position] != '=')
        {
            return Fail();
        }

        position = SipText.SkipWhitespace(text, position + 1);
        if (position < text.Length && text[position] == '"')
        {
            var end = SipText.EndOfQuotedString(text, position);
            if (end < 0)
            {
                return Fail();
            }

            value = text[position..end];
            quoted = true;
            position = end;
        }
        else
        {
            var valueStart = position;
            while (position < text.Length && SipText.IsParameterValueChar(text[position]))
            {
                position++;
            }

            value = text[valueStart..position];
            if (value.IsEmpty)
            {
                return Fail();
            }
        }

        // After a value only whitespace and then a comma or the end may follow.
        position = SipText.SkipWhitespace(text, position);
        if (position < text.Length && text[position] != ',')
        {
            return Fail();
        }

        _position = position;
        return true;
    }

    /// <summary>The value as a string: quoted strings are unquoted with their quoted-pairs resolved.</summary>
    /// <summary>Parameter names compare case-insensitively (RFC 7616 §3.3).</summary>
    public static bool Is(ReadOnlySpan<char> name, string expected) =>
        name.Equals(expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>Keeps a parameter's value; false when the parameter was already given (a repeat is malformed).</summary>
    public static bool Store(ref string? field, ReadOnlySpan<char> raw, bool quoted)
    {
        if (field is not null)
        {
            return false;
        }

        field = ToValue(raw, quoted);
        return true;
    }

    public static string ToValue(ReadOnlySpan<char> value, bool quoted) =>
        quoted ? SipText.Unquote(value) : value.ToString();

    private static int SkipSeparators(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\r' or '\n' or ',')
        {
            position++;
        }

        return position;
    }

    private bool Fail()
    {
        IsMalformed = true;
        _position = _text.Length;
        return false;
    }
}

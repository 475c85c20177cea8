using System.Text;

namespace Inbox.Sip.Messages;

/// <summary>
/// An ordered list of <c>;name=value</c> parameters (RFC 3261 §7.3.1). Names compare case-insensitively;
/// order and unknown parameters are kept, so a header can be written back as it came.
/// </summary>
internal sealed class SipParameters
{
    // Created on the first parameter: most URIs and many headers carry none (SipParserBenchmarks.ReadOk).
    private List<KeyValuePair<string, string?>>? _items;

    public int Count => _items?.Count ?? 0;

    public IReadOnlyList<KeyValuePair<string, string?>> Items => (IReadOnlyList<KeyValuePair<string, string?>>?)_items ?? [];

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of <paramref name="name"/>; null when absent or when it has no value.</summary>
    public string? this[string name]
    {
        get
        {
            var i = IndexOf(name);
            return i < 0 ? null : _items![i].Value;
        }
    }

    public void Set(string name, string? value)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            (_items ??= []).Add(new(name, value));
        }
        else
        {
            _items![i] = new(name, value);
        }
    }

    public bool Remove(string name)
    {
        var i = IndexOf(name);
        if (i >= 0)
        {
            _items!.RemoveAt(i);
        }

        return i >= 0;
    }

    public SipParameters Clone()
    {
        return new SipParameters { _items = _items is null ? null : [.. _items] };
    }

    public void AppendTo(StringBuilder builder, char separator = ';')
    {
        foreach (var (name, value) in Items)
        {
            builder.Append(separator).Append(name);
            if (value is not null)
            {
                builder.Append('=').Append(value);
            }
        }
    }

    /// <summary>
    /// Reads <c>;name[=value]</c> pairs from the start of <paramref name="text"/> until a character that cannot
    /// continue them (a comma between header values, or the end). Quoted values keep their quotes.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, char separator, SipParameters target, out int consumed)
    {
        var position = 0;
        consumed = 0;
        while (true)
        {
            position = SipText.SkipWhitespace(text, position);
            if (position >= text.Length || text[position] != separator)
            {
                consumed = position;
                return true;
            }

            position = SipText.SkipWhitespace(text, position + 1);
            var nameStart = position;
            while (position < text.Length && SipText.IsParameterChar(text[position]))
            {
                position++;
            }

            if (position == nameStart)
            {
                return false;
            }

            var name = text[nameStart..position].ToString();
            position = SipText.SkipWhitespace(text, position);
            string? value = null;
            if (position < text.Length && text[position] == '=')
            {
                position = SipText.SkipWhitespace(text, position + 1);
                if (position < text.Length && text[position] == '"')
                {
                    var end = SipText.EndOfQuotedString(text, position);
                    if (end < 0)
                    {
                        return false;
                    }

                    value = text[position..end].ToString();
                    position = end;
                }
                else
                {
                    var valueStart = position;
                    while (position < text.Length && SipText.IsParameterValueChar(text[position]))
                    {
                        position++;
                    }

                    value = text[valueStart..position].ToString();
                }
            }

            (target._items ??= []).Add(new(name, value));
        }
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(_items![i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}

using System.Globalization;
using System.Text;
using Inbox.Sip.Parsing;

namespace Inbox.Sip.Messages;

/// <summary>
/// A SIP message: its bytes plus the index of where each header lies. Headers are read as strings and typed
/// values only when asked for, and cached; headers the stack does not understand stay as they came.
/// </summary>
internal abstract partial class SipMessage
{
    private readonly byte[] _buffer;
    private string? _callId;
    private SipCSeq? _cseq;
    private SipNameAddress? _from;
    private SipNameAddress? _to;
    private IReadOnlyList<SipVia>? _vias;
    private IReadOnlyList<SipNameAddress>? _contacts;

    private protected SipMessage(byte[] buffer, SipMessageIndex index)
    {
        _buffer = buffer;
        Index = index;
    }

    internal SipMessageIndex Index { get; }

    /// <summary>The whole message as it is on the wire.</summary>
    public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(0, Index.MessageLength);

    public ReadOnlyMemory<byte> Body => _buffer.AsMemory(Index.BodyOffset, Index.BodyLength);

    public abstract bool IsRequest { get; }

    public string CallId => _callId ??= RequiredHeader(SipHeaderId.CallId);

    public SipCSeq CSeq => _cseq ??= SipCSeq.TryParse(RequiredHeader(SipHeaderId.CSeq), out var value)
        ? value
        : throw new SipFormatException("Malformed CSeq header");

    public SipNameAddress From => _from ??= ParseAddress(SipHeaderId.From, "From");

    public SipNameAddress To => _to ??= ParseAddress(SipHeaderId.To, "To");

    /// <summary>Every Via value, top first, across repeated and comma-separated headers.</summary>
    public IReadOnlyList<SipVia> Vias => _vias ??= ParseList<SipVia>(SipHeaderId.Via, SipVia.TryParse, "Via");

    public SipVia TopVia => Vias.Count > 0 ? Vias[0] : throw new SipFormatException("Missing Via header");

    public IReadOnlyList<SipNameAddress> Contacts => _contacts ??= ParseList<SipNameAddress>(SipHeaderId.Contact, SipNameAddress.TryParse, "Contact");

    // RFC 3261 §20.22: 0-255; a larger value is a 400 (RFC 4475 §3.1.2.3, "scalar02").
    public int? MaxForwards => ReadInteger(SipHeaderId.MaxForwards, "Max-Forwards", max: 255);

    public int? Expires => ReadInteger(SipHeaderId.Expires, "Expires");

    public string? ContentType => GetHeader(SipHeaderId.ContentType);

    public bool HasHeader(SipHeaderId id) => Index.IndexOf(id) >= 0;

    public ReadOnlySpan<byte> GetHeaderBytes(SipHeaderId id)
    {
        var i = Index.IndexOf(id);
        return i < 0 ? [] : _buffer.AsSpan(Index.Headers[i].Value);
    }

    /// <summary>The first value of a header as a string; null when absent.</summary>
    public string? GetHeader(SipHeaderId id)
    {
        var i = Index.IndexOf(id);
        return i < 0 ? null : ValueString(Index.Headers[i]);
    }

    /// <summary>The first header of that name, known or not (names compare case-insensitively).</summary>
    public string? GetHeader(string name)
    {
        var id = SipHeaderNames.Lookup(name);
        if (id != SipHeaderId.Unknown)
        {
            return GetHeader(id);
        }

        foreach (var entry in Index.Headers)
        {
            if (entry.Id == SipHeaderId.Unknown && Ascii.EqualsIgnoreCase(_buffer.AsSpan(entry.Name), Encoding.ASCII.GetBytes(name)))
            {
                return ValueString(entry);
            }
        }

        return null;
    }

    /// <summary>Every element of a list header, across repeated lines and commas (RFC 3261 §7.3.1).</summary>
    public List<string> GetHeaderValues(SipHeaderId id)
    {
        var values = new List<string>();
        foreach (var entry in Index.Headers)
        {
            if (entry.Id == id)
            {
                values.AddRange(SipText.SplitList(ValueString(entry)));
            }
        }

        return values;
    }

    /// <summary>Name and value of every header line, in order, as received.</summary>
    public IEnumerable<KeyValuePair<string, string>> HeaderLines()
    {
        for (var i = 0; i < Index.HeaderCount; i++)
        {
            var entry = Index.Headers[i];
            yield return new(Encoding.ASCII.GetString(_buffer, entry.NameOffset, entry.NameLength), ValueString(entry));
        }
    }

    public override string ToString() => Encoding.UTF8.GetString(Bytes.Span);

    private protected ReadOnlySpan<byte> Slice(Range range) => _buffer.AsSpan(range);

    private string ValueString(SipHeaderEntry entry)
    {
        var value = Encoding.UTF8.GetString(_buffer.AsSpan(entry.Value));
        return entry.IsFolded ? UnfoldLines(value) : value;
    }

    // RFC 3261 §7.3.1: a folded line is equivalent to a single space.
    private static string UnfoldLines(string value) =>
        FoldPattern().Replace(value, " ");

    [System.Text.RegularExpressions.GeneratedRegex(@"[ \t]*\r?\n[ \t]+")]
    private static partial System.Text.RegularExpressions.Regex FoldPattern();

    private string RequiredHeader(SipHeaderId id) =>
        GetHeader(id) is { Length: > 0 } value ? value : throw new SipFormatException($"Missing {SipHeaderNames.CanonicalString(id)} header");

    private SipNameAddress ParseAddress(SipHeaderId id, string name) =>
        SipNameAddress.TryParse(RequiredHeader(id), out var value) ? value : throw new SipFormatException($"Malformed {name} header");

    private delegate bool TryParseValue<T>(ReadOnlySpan<char> text, out T? value);

    private List<T> ParseList<T>(SipHeaderId id, TryParseValue<T> parse, string name)
    {
        var values = GetHeaderValues(id);
        var list = new List<T>(values.Count);
        foreach (var text in values)
        {
            list.Add(parse(text, out var value) && value is not null ? value : throw new SipFormatException($"Malformed {name} header"));
        }

        return list;
    }

    private int? ReadInteger(SipHeaderId id, string name, int max = int.MaxValue)
    {
        var text = GetHeader(id);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max
            ? value
            : throw new SipFormatException($"Malformed {name} header");
    }
}

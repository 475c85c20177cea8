using System.Buffers;
using System.Text;

namespace Inbox.Sip.Messages;

/// <summary>Maps header names (full and compact, RFC 3261 §7.3.3) to <see cref="SipHeaderId"/> without allocating.</summary>
internal static class SipHeaderNames
{
    private static readonly byte[][] s_canonical = BuildCanonical();

    // Indexed by name length; each bucket is scanned linearly (at most a handful of names share a length).
    private static readonly (byte[] Name, SipHeaderId Id)[][] s_byLength = BuildLookup();

    // RFC 3261 §7.3.3 and the extensions that define compact forms (RFC 3265, 3515, 3892, 4028).
    private static readonly SipHeaderId[] s_compact = BuildCompact();

    /// <summary>The canonical spelling used when the stack writes a header.</summary>
    public static ReadOnlySpan<byte> Canonical(SipHeaderId id) => s_canonical[(int)id];

    public static string CanonicalString(SipHeaderId id) => Encoding.ASCII.GetString(s_canonical[(int)id]);

    public static SipHeaderId Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            var c = name[0] | 0x20;
            return c is >= 'a' and <= 'z' ? s_compact[c - 'a'] : SipHeaderId.Unknown;
        }

        if (name.Length >= s_byLength.Length)
        {
            return SipHeaderId.Unknown;
        }

        foreach (var (candidate, id) in s_byLength[name.Length])
        {
            if (Ascii.EqualsIgnoreCase(candidate, name))
            {
                return id;
            }
        }

        return SipHeaderId.Unknown;
    }

    public static SipHeaderId Lookup(string name)
    {
        Span<byte> bytes = stackalloc byte[64];
        return name.Length <= bytes.Length && Ascii.FromUtf16(name, bytes, out var written) == OperationStatus.Done
            ? Lookup(bytes[..written])
            : SipHeaderId.Unknown;
    }

    private static IEnumerable<(string Name, SipHeaderId Id)> Names() =>
    [
        ("Accept", SipHeaderId.Accept),
        ("Accept-Encoding", SipHeaderId.AcceptEncoding),
        ("Accept-Language", SipHeaderId.AcceptLanguage),
        ("Allow", SipHeaderId.Allow),
        ("Allow-Events", SipHeaderId.AllowEvents),
        ("Authentication-Info", SipHeaderId.AuthenticationInfo),
        ("Authorization", SipHeaderId.Authorization),
        ("Call-ID", SipHeaderId.CallId),
        ("Contact", SipHeaderId.Contact),
        ("Content-Disposition", SipHeaderId.ContentDisposition),
        ("Content-Encoding", SipHeaderId.ContentEncoding),
        ("Content-Length", SipHeaderId.ContentLength),
        ("Content-Type", SipHeaderId.ContentType),
        ("CSeq", SipHeaderId.CSeq),
        ("Date", SipHeaderId.Date),
        ("Event", SipHeaderId.Event),
        ("Expires", SipHeaderId.Expires),
        ("From", SipHeaderId.From),
        ("Max-Forwards", SipHeaderId.MaxForwards),
        ("Min-Expires", SipHeaderId.MinExpires),
        ("Proxy-Authenticate", SipHeaderId.ProxyAuthenticate),
        ("Proxy-Authorization", SipHeaderId.ProxyAuthorization),
        ("Proxy-Require", SipHeaderId.ProxyRequire),
        ("Record-Route", SipHeaderId.RecordRoute),
        ("Refer-To", SipHeaderId.ReferTo),
        ("Referred-By", SipHeaderId.ReferredBy),
        ("Replaces", SipHeaderId.Replaces),
        ("Require", SipHeaderId.Require),
        ("Route", SipHeaderId.Route),
        ("Server", SipHeaderId.Server),
        ("Session-Expires", SipHeaderId.SessionExpires),
        ("Subject", SipHeaderId.Subject),
        ("Supported", SipHeaderId.Supported),
        ("Timestamp", SipHeaderId.Timestamp),
        ("To", SipHeaderId.To),
        ("Unsupported", SipHeaderId.Unsupported),
        ("User-Agent", SipHeaderId.UserAgent),
        ("Via", SipHeaderId.Via),
        ("Warning", SipHeaderId.Warning),
        ("WWW-Authenticate", SipHeaderId.WwwAuthenticate),
    ];

    private static byte[][] BuildCanonical()
    {
        var table = new byte[Enum.GetValues<SipHeaderId>().Length][];
        table[0] = [];
        foreach (var (name, id) in Names())
        {
            table[(int)id] = Encoding.ASCII.GetBytes(name);
        }

        return table;
    }

    private static (byte[], SipHeaderId)[][] BuildLookup()
    {
        var longest = Names().Max(n => n.Name.Length);
        var buckets = new List<(byte[], SipHeaderId)>[longest + 1];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = [];
        }

        foreach (var (name, id) in Names())
        {
            buckets[name.Length].Add((Encoding.ASCII.GetBytes(name), id));
        }

        return [.. buckets.Select(b => b.ToArray())];
    }

    private static SipHeaderId[] BuildCompact()
    {
        var table = new SipHeaderId[26];
        table['b' - 'a'] = SipHeaderId.ReferredBy;
        table['c' - 'a'] = SipHeaderId.ContentType;
        table['e' - 'a'] = SipHeaderId.ContentEncoding;
        table['f' - 'a'] = SipHeaderId.From;
        table['i' - 'a'] = SipHeaderId.CallId;
        table['k' - 'a'] = SipHeaderId.Supported;
        table['l' - 'a'] = SipHeaderId.ContentLength;
        table['m' - 'a'] = SipHeaderId.Contact;
        table['o' - 'a'] = SipHeaderId.Event;
        table['r' - 'a'] = SipHeaderId.ReferTo;
        table['s' - 'a'] = SipHeaderId.Subject;
        table['t' - 'a'] = SipHeaderId.To;
        table['u' - 'a'] = SipHeaderId.AllowEvents;
        table['v' - 'a'] = SipHeaderId.Via;
        table['x' - 'a'] = SipHeaderId.SessionExpires;
        return table;
    }
}

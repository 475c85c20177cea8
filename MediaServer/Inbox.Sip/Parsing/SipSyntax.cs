namespace Inbox.Sip.Parsing;

/// <summary>Character classes of the RFC 3261 §25.1 grammar, as lookup tables.</summary>
internal static class SipSyntax
{
    // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    private static readonly bool[] s_token = BuildTable("-.!%*_+`'~");

    public static bool IsTokenChar(byte b) => b < 128 && s_token[b];

    public static bool IsToken(ReadOnlySpan<byte> span)
    {
        if (span.IsEmpty)
        {
            return false;
        }

        foreach (var b in span)
        {
            if (!IsTokenChar(b))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool[] BuildTable(string extra)
    {
        var table = new bool[128];
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = true;
        }

        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] = true;
            table[char.ToUpperInvariant(c)] = true;
        }

        foreach (var c in extra)
        {
            table[c] = true;
        }

        return table;
    }
}

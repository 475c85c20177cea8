using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Inbox.Sip.Messages;

/// <summary>The CSeq header (RFC 3261 §20.16): a sequence number below 2^31 and a method.</summary>
internal readonly record struct SipCSeq(long Number, SipMethod Method, string MethodName)
{
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipCSeq value)
    {
        value = default;
        text = text.Trim();
        var space = text.IndexOfAny(" \t\r\n");
        if (space <= 0
            || !long.TryParse(text[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > int.MaxValue)
        {
            return false;
        }

        var method = text[space..].Trim();
        foreach (var c in method)
        {
            if (!SipText.IsTokenChar(c))
            {
                return false;
            }
        }

        if (method.IsEmpty)
        {
            return false;
        }

        var parsed = SipMethods.Parse(method);
        value = new SipCSeq(number, parsed, parsed == SipMethod.Extension ? method.ToString() : SipMethods.ToName(parsed));
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number} {MethodName}");
}

using System.Text;

namespace Inbox.Sip.Messages;

/// <summary>Method tokens on the wire. Methods are case-sensitive (RFC 3261 §7.1).</summary>
internal static class SipMethods
{
    private static readonly byte[][] s_names =
    [
        [],
        "INVITE"u8.ToArray(),
        "ACK"u8.ToArray(),
        "BYE"u8.ToArray(),
        "CANCEL"u8.ToArray(),
        "REGISTER"u8.ToArray(),
        "OPTIONS"u8.ToArray(),
        "INFO"u8.ToArray(),
        "UPDATE"u8.ToArray(),
        "PRACK"u8.ToArray(),
        "SUBSCRIBE"u8.ToArray(),
        "NOTIFY"u8.ToArray(),
        "REFER"u8.ToArray(),
        "MESSAGE"u8.ToArray(),
        "PUBLISH"u8.ToArray(),
    ];

    private static readonly string[] s_strings = [.. s_names.Select(n => Encoding.ASCII.GetString(n))];

    public static SipMethod Parse(ReadOnlySpan<byte> token)
    {
        for (var i = 1; i < s_names.Length; i++)
        {
            if (token.SequenceEqual(s_names[i]))
            {
                return (SipMethod)i;
            }
        }

        return SipMethod.Extension;
    }

    public static SipMethod Parse(ReadOnlySpan<char> token)
    {
        for (var i = 1; i < s_strings.Length; i++)
        {
            if (token.SequenceEqual(s_strings[i]))
            {
                return (SipMethod)i;
            }
        }

        return SipMethod.Extension;
    }

    public static ReadOnlySpan<byte> Name(SipMethod method) => s_names[(int)method];

    public static string ToName(SipMethod method) => s_strings[(int)method];
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Inbox.Media.Sdp;

/// <summary>
/// Parses session descriptions (RFC 8866). Accepts CRLF or bare LF line ends and skips blank lines. Never throws on
/// bad input: it returns false with a reason that names the line. Thread-safe (stateless).
/// </summary>
internal static partial class SdpParser
{
    /// <summary>Parses UTF-8 bytes, as carried in a SIP body.</summary>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8,
        [NotNullWhen(true)] out SdpSessionDescription? session,
        [NotNullWhen(false)] out string? error)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            session = null;
            error = "the body is not valid UTF-8";
            return false;
        }

        return TryParse(text, out session, out error);
    }

    /// <summary>Parses a session description held in a string.</summary>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out SdpSessionDescription? session,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        session = null;
        var state = new State();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.EndsWith('\r') ? rawLine[..^1] : rawLine;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=' || line[0] is < 'a' or > 'z')
            {
                error = Describe(lineNumber, line, "expected <type>=<value>");
                return false;
            }

            var reason = state.Media is null
                ? ParseSessionLine(state, line[0], line[2..])
                : ParseMediaLine(state, state.Media, line[0], line[2..]);
            if (reason is not null)
            {
                error = Describe(lineNumber, line, reason);
                return false;
            }
        }

        return state.TryFinish(out session, out error);
    }

    private static string? ParseSessionLine(State state, char type, string value)
    {
        if (!state.HasVersion && type != 'v')
        {
            return "the description must start with v=";
        }

        switch (type)
        {
            case 'v':
                if (state.HasVersion || value != "0")
                {
                    return "expected a single v=0";
                }

                state.HasVersion = true;
                return null;
            case 'o':
                if (state.Origin is not null || !TryParseOrigin(value, out var origin))
                {
                    return "bad o= line (username sess-id sess-version IN IP4|IP6 address)";
                }

                state.Origin = origin;
                return null;
            case 's':
                state.SessionName ??= value;
                return null;
            case 'c':
                if (state.Connection is not null || !TryParseConnection(value, out var connection))
                {
                    return "bad c= line (IN IP4|IP6 address)";
                }

                state.Connection = connection;
                return null;
            case 't':
                if (state.Timing is null)
                {
                    state.Timing = value;
                }
                else
                {
                    state.OtherLines.Add(new SdpLine(type, value));
                }

                return null;
            case 'a':
                var (name, attributeValue) = SplitAttribute(value);
                if (attributeValue is null && SdpDirections.TryParse(name, out var direction))
                {
                    state.Direction = direction;
                }
                else
                {
                    state.Attributes.Add(new SdpAttribute(name, attributeValue));
                }

                return null;
            case 'm':
                return StartMedia(state, value);
            case 'i' or 'u' or 'e' or 'p' or 'b' or 'r' or 'z' or 'k':
                state.OtherLines.Add(new SdpLine(type, value));
                return null;
            default:
                return "unknown line type at session level";
        }
    }

    private static bool TryParseOrigin(string value, [NotNullWhen(true)] out SdpOrigin? origin)
    {
        origin = null;
        var parts = value.Split(' ');
        if (parts.Length != 6 || parts[0].Length == 0 || parts[1].Length == 0 || parts[3] != "IN"
            || !ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !TryParseAddressType(parts[4], out var addressType) || parts[5].Length == 0)
        {
            return false;
        }

        origin = new SdpOrigin(parts[0], parts[1], version, addressType, parts[5]);
        return true;
    }

    private static bool TryParseConnection(string value, [NotNullWhen(true)] out SdpConnection? connection)
    {
        connection = null;
        var parts = value.Split(' ');
        if (parts.Length != 3 || parts[0] != "IN" || !TryParseAddressType(parts[1], out var addressType) || parts[2].Length == 0)
        {
            return false;
        }

        connection = new SdpConnection(addressType, parts[2]);
        return true;
    }

    private static bool TryParseAddressType(string value, out SdpAddressType addressType)
    {
        addressType = value == "IP6" ? SdpAddressType.IP6 : SdpAddressType.IP4;
        return value is "IP4" or "IP6";
    }

    private static (string Name, string? Value) SplitAttribute(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (value, null) : (value[..colon], value[(colon + 1)..]);
    }

    private static string Describe(int lineNumber, string line, string reason)
    {
        var shown = line.Length > 80 ? string.Concat(line.AsSpan(0, 80), "...") : line;
        return string.Create(CultureInfo.InvariantCulture, $"line {lineNumber} '{shown}': {reason}");
    }
}

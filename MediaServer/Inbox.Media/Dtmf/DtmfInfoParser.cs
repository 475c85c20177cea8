using System.Buffers.Text;
using System.Text;

namespace Inbox.Media.Dtmf;

/// <summary>
/// Parses SIP INFO DTMF bodies into <see cref="DtmfDigit"/>s, so telephony injects them like RFC 4733 digits:
/// <c>application/dtmf-relay</c> ("Signal=5\r\nDuration=160\r\n", duration in ms) and <c>application/dtmf</c> ("5").
/// </summary>
/// <remarks>
/// Stateless and thread-safe; parses the UTF-8 body in place without allocating. Keys are case-insensitive, lines may
/// end in CRLF or LF, blanks around keys and values are ignored, and unknown keys are skipped. A signal is one DTMF
/// character or the event codes 10–15 that some gateways send for '*', '#' and 'A'–'D'. Digits without a duration get
/// <see cref="DtmfSender.DefaultDuration"/>; the timestamp is 0.
/// </remarks>
internal static class DtmfInfoParser
{
    /// <summary>Longest duration accepted, in milliseconds.</summary>
    public const int MaxDurationMilliseconds = 60_000;

    /// <summary>Parses a body by its Content-Type (parameters after ';' are ignored).</summary>
    /// <returns>False for another content type or a bad body.</returns>
    public static bool TryParse(ReadOnlySpan<char> contentType, ReadOnlySpan<byte> body, out DtmfDigit digit)
    {
        var semicolon = contentType.IndexOf(';');
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        if (mediaType.Equals("application/dtmf-relay", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseDtmfRelay(body, out digit);
        }

        if (mediaType.Equals("application/dtmf", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseDtmf(body, out digit);
        }

        digit = default;
        return false;
    }

    /// <summary>Parses an <c>application/dtmf</c> body: the signal alone.</summary>
    public static bool TryParseDtmf(ReadOnlySpan<byte> body, out DtmfDigit digit)
    {
        digit = default;
        if (!TryParseSignal(body.Trim(" \t\r\n"u8), out var signal))
        {
            return false;
        }

        digit = new DtmfDigit(signal, DtmfSender.DefaultDuration, 0);
        return true;
    }

    /// <summary>Parses an <c>application/dtmf-relay</c> body: a required Signal line and an optional Duration line.</summary>
    public static bool TryParseDtmfRelay(ReadOnlySpan<byte> body, out DtmfDigit digit)
    {
        digit = default;
        var signal = '\0';
        var duration = DtmfSender.DefaultDuration;
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range].Trim(" \t\r"u8);
            if (line.IsEmpty)
            {
                continue;
            }

            var equals = line.IndexOf((byte)'=');
            if (equals < 0)
            {
                return false;
            }

            var key = line[..equals].Trim(" \t"u8);
            var value = line[(equals + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(key, "Signal"u8))
            {
                if (signal != '\0' || !TryParseSignal(value, out signal))
                {
                    return false;
                }
            }
            else if (Ascii.EqualsIgnoreCase(key, "Duration"u8))
            {
                if (!Utf8Parser.TryParse(value, out int ms, out var consumed) || consumed != value.Length
                    || ms is <= 0 or > MaxDurationMilliseconds)
                {
                    return false;
                }

                duration = TimeSpan.FromMilliseconds(ms);
            }
        }

        if (signal == '\0')
        {
            return false;
        }

        digit = new DtmfDigit(signal, duration, 0);
        return true;
    }

    private static bool TryParseSignal(ReadOnlySpan<byte> value, out char signal)
    {
        signal = '\0';
        byte code;
        if (value.Length == 1)
        {
            if (!DtmfEvent.TryGetCode((char)value[0], out code))
            {
                return false;
            }
        }
        else if (value.Length != 2 || value[0] != '1' || value[1] is < (byte)'0' or > (byte)'5')
        {
            return false;
        }
        else
        {
            code = (byte)(10 + value[1] - '0');
        }

        return DtmfEvent.TryGetDigit(code, out signal);
    }
}

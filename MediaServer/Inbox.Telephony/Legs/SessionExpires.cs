using System.Globalization;

namespace Inbox.Telephony.Legs;

/// <summary>A Session-Expires value (RFC 4028 §4): the session interval, and who refreshes when it names one.</summary>
internal readonly record struct SessionExpires(TimeSpan Interval, SessionRefresher? Refresher)
{
    /// <summary>Reads <c>delta-seconds *(;se-params)</c>; false when absent or malformed.</summary>
    public static bool TryParse(string? value, out SessionExpires result)
    {
        result = default;
        if (value is null)
        {
            return false;
        }

        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        if (!TryParseSeconds(parts[0], out var interval))
        {
            return false;
        }

        SessionRefresher? refresher = null;
        foreach (var part in parts.AsSpan(1))
        {
            if (part.StartsWith("refresher=", StringComparison.OrdinalIgnoreCase))
            {
                var who = part["refresher=".Length..];
                refresher = who.Equals("uac", StringComparison.OrdinalIgnoreCase) ? SessionRefresher.Uac
                    : who.Equals("uas", StringComparison.OrdinalIgnoreCase) ? SessionRefresher.Uas
                    : null;
            }
        }

        result = new SessionExpires(interval, refresher);
        return true;
    }

    /// <summary>Reads a Min-SE value (RFC 4028 §5): delta-seconds, parameters ignored.</summary>
    public static bool TryParseMinimum(string? value, out TimeSpan minimum)
    {
        minimum = default;
        return value is not null && TryParseSeconds(value.Split(';', 2)[0].Trim(), out minimum);
    }

    public override string ToString()
    {
        var seconds = Seconds(Interval);
        return Refresher switch
        {
            SessionRefresher.Uac => seconds + ";refresher=uac",
            SessionRefresher.Uas => seconds + ";refresher=uas",
            _ => seconds,
        };
    }

    public static string Seconds(TimeSpan interval) => ((long)interval.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static bool TryParseSeconds(string text, out TimeSpan interval)
    {
        // delta-seconds is 1*DIGIT (RFC 3261 §25.1); a zero interval means nothing, so it is refused too.
        var ok = uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0;
        interval = ok ? TimeSpan.FromSeconds(seconds) : default;
        return ok;
    }
}

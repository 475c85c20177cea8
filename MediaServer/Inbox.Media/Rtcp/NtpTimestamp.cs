namespace Inbox.Media.Rtcp;

/// <summary>
/// A 64-bit NTP timestamp (RFC 3550 §4, RFC 5905 §6): seconds since 1900-01-01 UTC in the high 32 bits, binary
/// fraction of a second in the low 32. Immutable. Also converts the 16.16 "short format" used by LSR, DLSR and RTT.
/// </summary>
/// <param name="Value">The 64-bit wire value.</param>
internal readonly record struct NtpTimestamp(ulong Value)
{
    private const long FractionsPerSecond = 1L << 32;

    // 1900-01-01T00:00:00Z in .NET ticks; NTP era 0 began there.
    private static readonly long s_eraZeroTicks = new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    // 2^32 seconds: one NTP era (era 1 starts on 2036-02-07T06:28:16Z).
    private const long EraTicks = FractionsPerSecond * TimeSpan.TicksPerSecond;

    /// <summary>Whole seconds, modulo 2^32 (the high 32 bits).</summary>
    public uint Seconds => (uint)(Value >> 32);

    /// <summary>Fraction of a second in 1/2^32 units (the low 32 bits).</summary>
    public uint Fraction => (uint)Value;

    /// <summary>The middle 32 bits (16.16 seconds), as carried in LSR and compared in the RTT computation.</summary>
    public uint Middle32 => (uint)(Value >> 16);

    /// <summary>Converts a wallclock time; times from 2036-02-07 on fall into NTP era 1 and wrap as RFC 5905 specifies.</summary>
    public static NtpTimestamp FromDateTimeOffset(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - s_eraZeroTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        var fraction = (ulong)remainder * FractionsPerSecond / TimeSpan.TicksPerSecond;
        return new NtpTimestamp(unchecked(((ulong)seconds << 32) | fraction));
    }

    /// <summary>
    /// Converts back to a wallclock time, taking values with the top bit set as era 0 (1968–2036) and the others as
    /// era 1 (2036–2104), as RFC 4330 §3 suggests.
    /// </summary>
    public DateTimeOffset ToDateTimeOffset()
    {
        var ticks = s_eraZeroTicks + (Seconds * TimeSpan.TicksPerSecond) + (long)((ulong)Fraction * TimeSpan.TicksPerSecond / FractionsPerSecond);
        if ((Seconds & 0x8000_0000) == 0)
        {
            ticks += EraTicks;
        }

        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    /// <summary>A duration in the NTP short format (1/65536 s), saturating at 0 and at about 18.2 hours.</summary>
    public static uint ToShortFormat(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return 0;
        }

        var seconds = Math.DivRem(duration.Ticks, TimeSpan.TicksPerSecond, out var remainder);
        return seconds > ushort.MaxValue
            ? uint.MaxValue
            : (uint)((seconds << 16) + ((remainder << 16) / TimeSpan.TicksPerSecond));
    }

    /// <summary>A duration given in the NTP short format (1/65536 s).</summary>
    public static TimeSpan FromShortFormat(uint units) =>
        TimeSpan.FromTicks((long)((ulong)units * TimeSpan.TicksPerSecond / 65536));
}

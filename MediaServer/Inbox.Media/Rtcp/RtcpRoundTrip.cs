namespace Inbox.Media.Rtcp;

/// <summary>
/// Round-trip time from a received report block (RFC 3550 §6.4.1): RTT = A − LSR − DLSR, all in NTP short format
/// (1/65536 s), A being the middle 32 bits of the NTP time the block arrived. Stateless and thread-safe.
/// </summary>
internal static class RtcpRoundTrip
{
    /// <summary>Computes the RTT in 1/65536 s units.</summary>
    /// <param name="arrival">Middle 32 bits of the NTP arrival time of the report (A).</param>
    /// <param name="lastSenderReport">LSR from the block.</param>
    /// <param name="delaySinceLastSenderReport">DLSR from the block.</param>
    /// <param name="roundTrip">The round-trip time, or 0 on failure.</param>
    /// <returns>
    /// False when LSR is 0 (the peer has seen no SR of ours) or the result would be negative by more than one unit
    /// (clock trouble). One unit short is the truncation of two clocks on a path faster than a unit (15 µs, loopback),
    /// and gives 0.
    /// </returns>
    public static bool TryCompute(uint arrival, uint lastSenderReport, uint delaySinceLastSenderReport, out uint roundTrip)
    {
        // Modulo-2^32 arithmetic keeps the 16.16 values right across the middle-bits wrap every 18.2 hours.
        var sinceSent = unchecked(arrival - lastSenderReport);
        if (lastSenderReport == 0 || (delaySinceLastSenderReport > sinceSent && delaySinceLastSenderReport - sinceSent > 1))
        {
            roundTrip = 0;
            return false;
        }

        roundTrip = sinceSent > delaySinceLastSenderReport ? sinceSent - delaySinceLastSenderReport : 0;
        return true;
    }

    /// <summary>Computes the RTT from a report block that arrived at <paramref name="arrival"/> (wallclock).</summary>
    public static bool TryCompute(in RtcpReportBlock block, DateTimeOffset arrival, out TimeSpan roundTrip)
    {
        var ok = TryCompute(
            NtpTimestamp.FromDateTimeOffset(arrival).Middle32, block.LastSenderReport, block.DelaySinceLastSenderReport, out var units);
        roundTrip = NtpTimestamp.FromShortFormat(units);
        return ok;
    }
}

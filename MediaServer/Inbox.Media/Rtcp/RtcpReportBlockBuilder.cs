using Inbox.Media.Rtp;

namespace Inbox.Media.Rtcp;

/// <summary>Builds reception report blocks (RFC 3550 §6.4.1) from receive statistics. Stateless and thread-safe.</summary>
internal static class RtcpReportBlockBuilder
{
    /// <summary>
    /// Builds the block for one source and closes the statistics' reporting interval (the fraction lost is the
    /// interval's, so call it once per report sent, on the thread that owns <paramref name="statistics"/>).
    /// </summary>
    /// <param name="ssrc">SSRC of the source reported on.</param>
    /// <param name="statistics">That source's receive statistics.</param>
    /// <param name="lastSenderReport">Middle 32 bits of the NTP timestamp of the last SR received from it; 0 if none.</param>
    /// <param name="sinceLastSenderReport">Time since that SR arrived; ignored when <paramref name="lastSenderReport"/> is 0.</param>
    public static RtcpReportBlock Build(
        uint ssrc, RtpReceiveStatistics statistics, uint lastSenderReport, TimeSpan sinceLastSenderReport)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var fractionLost = statistics.TakeIntervalFractionLost();

        // RFC 3550 §6.4.1: DLSR is zero when no SR has been received.
        var delay = lastSenderReport == 0 ? 0u : NtpTimestamp.ToShortFormat(sinceLastSenderReport);
        return new RtcpReportBlock(
            ssrc,
            fractionLost,
            statistics.CumulativeLost, // clamped to 24 bits by the block
            statistics.ExtendedHighestSequence,
            statistics.Jitter,
            lastSenderReport,
            delay);
    }
}

using Inbox.Interactions.Calls;
using Inbox.Media.Sessions;

namespace Inbox.Telephony.Features;

/// <summary>A leg's latest score as the views show it (the Calls API, conference participants, agent calls).</summary>
internal static class LatestQuality
{
    /// <summary>The latest window of what the server receives on <paramref name="session"/>; null before the first (or without a session).</summary>
    public static LegQuality? Of(RtpSession? session) =>
        session?.LatestQuality is { } sample
            ? new LegQuality(
                Math.Round(sample.Mos, 2), LegQualityTally.BandOf(sample.Color), Math.Round(sample.LossPercent, 2),
                Math.Round(session.Statistics.JitterDuration.TotalMilliseconds, 1), Math.Round(session.RoundTrip?.TotalMilliseconds ?? 0, 1))
            : null;
}

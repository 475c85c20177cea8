namespace Inbox.Media.Rtcp;

/// <summary>
/// The RTCP report interval of a two-party call (RFC 3550 §6.2, §6.3.1), kept simple. With two members and 5 % of
/// a voice call's bandwidth, the computed interval is well under the 5-second minimum, so the minimum governs: the
/// deterministic interval is 5 s (2.5 s before the first report, §6.2), randomised by a factor drawn uniformly from
/// 0.5–1.5 so that sessions do not report in step. There is no timer reconsideration, so the e − 3/2 compensation
/// that only offsets reconsideration is not applied. Stateless and thread-safe.
/// </summary>
internal static class RtcpReportInterval
{
    /// <summary>The minimum deterministic interval Tmin, 5 seconds (RFC 3550 §6.2).</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(5);

    /// <summary>The time until the next report.</summary>
    /// <param name="initial">True before the first report: Tmin is halved (RFC 3550 §6.2).</param>
    /// <param name="random">A uniform draw in [0, 1); the factor is 0.5 + <paramref name="random"/>.</param>
    public static TimeSpan Next(bool initial, double random)
    {
        var deterministic = initial ? Minimum / 2 : Minimum;
        return deterministic * (0.5 + Math.Clamp(random, 0, 1));
    }
}

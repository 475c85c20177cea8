using Inbox.Interactions.Outbox;

namespace Inbox.MediaServer.Interactions;

/// <summary>
/// How outbound messages are retried when their channel cannot take them yet (configuration section
/// <c>Inbox:Outbox</c>). Checked at start by <see cref="OutboxOptionsValidator"/>.
/// </summary>
internal sealed class OutboxOptions
{
    public const string SectionName = "Inbox:Outbox";

    private static readonly OutboxPolicy s_defaults = OutboxPolicy.Default;

    /// <summary>The wait after the first failed attempt, doubled after each further one (jittered to 50–100 %). Default 2 s.</summary>
    public TimeSpan FirstRetry { get; set; } = s_defaults.FirstRetry;

    /// <summary>The longest wait between two attempts. Default 5 min.</summary>
    public TimeSpan MaxRetry { get; set; } = s_defaults.MaxRetry;

    /// <summary>A message still refused this long after it was written is marked failed. Default 1 day.</summary>
    public TimeSpan GiveUpAfter { get; set; } = s_defaults.GiveUpAfter;

    /// <summary>Messages handed to channels at the same time. Default 16.</summary>
    public int MaxConcurrentSends { get; set; } = s_defaults.MaxConcurrentSends;

    /// <summary>How long a delivery report that came before its message's send result is kept for it. Default 1 day.</summary>
    public TimeSpan KeepEarlyReports { get; set; } = s_defaults.KeepEarlyReports;

    public OutboxPolicy ToPolicy() => new(FirstRetry, MaxRetry, GiveUpAfter, MaxConcurrentSends, KeepEarlyReports);
}

namespace Inbox.Sip.Transactions;

/// <summary>
/// SIP transaction timers (RFC 3261 §17.1.1.1 and table 4, RFC 6026 §8.3). Bound from configuration by the host;
/// every derived timer follows the base values, so changing <see cref="T1"/> scales B, F, H, J, L and M.
/// </summary>
internal sealed record SipTimerOptions
{
    /// <summary>Round-trip time estimate; default 500 ms.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Maximum retransmission interval for non-INVITE requests and INVITE responses; default 4 s.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Maximum time a message stays in the network; default 5 s (Timers I and K on unreliable transports).</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer D, the wait for response retransmissions after a non-2xx to INVITE; default 32 s (zero when reliable).</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>
    /// How long an INVITE server transaction waits for the TU's first response before it sends 100 Trying itself
    /// (RFC 3261 §17.2.1); default 200 ms. Zero sends 100 Trying as soon as the INVITE arrives.
    /// </summary>
    public TimeSpan TryingDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>64*T1: Timers B, F, H, J (unreliable), L and M; 32 s by default.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>Checks the values are usable; throws <see cref="ArgumentOutOfRangeException"/> otherwise.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(T1, TimeSpan.Zero, nameof(T1));
        ArgumentOutOfRangeException.ThrowIfLessThan(T2, T1, nameof(T2));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(T4, TimeSpan.Zero, nameof(T4));
        ArgumentOutOfRangeException.ThrowIfLessThan(TimerD, TimeSpan.Zero, nameof(TimerD));
        ArgumentOutOfRangeException.ThrowIfLessThan(TryingDelay, TimeSpan.Zero, nameof(TryingDelay));
    }
}

namespace Inbox.Media.Sessions;

/// <summary>
/// Reports a session that has received no RTP for the configured time (a phone that vanished without BYE, a
/// one-way NAT failure). One timer for all sessions, not one per call; the callback runs once per silent spell and
/// again only after packets have flowed in between. Thread-safe.
/// </summary>
internal sealed class RtpInactivityMonitor : SessionMonitor<RtpInactivityMonitor.Spell>
{
    private readonly TimeSpan _timeout;
    private readonly Action<RtpSession> _onInactive;
    private readonly TimeProvider _timeProvider;

    /// <param name="timeout">Silence that counts as inactivity.</param>
    /// <param name="onInactive">Called from the monitor's timer; must not block.</param>
    public RtpInactivityMonitor(TimeSpan timeout, Action<RtpSession> onInactive, TimeProvider timeProvider)
    {
        _timeout = timeout;
        _onInactive = onInactive;
        _timeProvider = timeProvider;
        Start(TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond)), timeProvider);
    }

    /// <summary>Watches a session, or watches it afresh: silence before this call does not count.</summary>
    public void Watch(RtpSession session) => Add(session, new Spell(_timeProvider.GetTimestamp()));

    protected override void Check(IReadOnlyDictionary<RtpSession, Spell> sessions)
    {
        foreach (var (session, spell) in sessions)
        {
            // Silence counts from the last packet, or from when watching began (a leg back from hold).
            var silent = session.SinceLastPacket >= _timeout && _timeProvider.GetElapsedTime(spell.WatchedAt) >= _timeout;
            if (silent && !spell.Reported)
            {
                spell.Reported = true;
                _onInactive(session);
            }
            else if (!silent)
            {
                spell.Reported = false;
            }
        }
    }

    /// <summary>Whether the current silent spell has been reported; touched only by the timer loop.</summary>
    internal sealed class Spell(long watchedAt)
    {
        public long WatchedAt { get; } = watchedAt;

        public bool Reported { get; set; }
    }
}

namespace Inbox.Media.Transport.Ring;

/// <summary>What a ring worker (or the sum over an engine's workers) did; approximate while it runs.</summary>
/// <param name="Enters">io_uring_enter(2) calls: the ring engine's system calls on the packet path.</param>
/// <param name="Completions">Completion entries reaped (datagrams, sends, re-arms, wake-ups).</param>
/// <param name="Datagrams">Datagrams received through the provided buffers.</param>
/// <param name="Sends">Sends queued as SENDMSG entries.</param>
/// <param name="SendFallbacks">Sends made directly with sendto(2) because no send slot or entry was free.</param>
/// <param name="NoBuffers">Multishot receives that ended because every provided buffer was in use (then re-armed).</param>
/// <param name="Rearms">Multishot receives armed again after they ended.</param>
internal readonly record struct RtpRingCounters(
    long Enters, long Completions, long Datagrams, long Sends, long SendFallbacks, long NoBuffers, long Rearms)
{
    public static RtpRingCounters operator +(RtpRingCounters a, RtpRingCounters b) => new(
        a.Enters + b.Enters, a.Completions + b.Completions, a.Datagrams + b.Datagrams, a.Sends + b.Sends,
        a.SendFallbacks + b.SendFallbacks, a.NoBuffers + b.NoBuffers, a.Rearms + b.Rearms);
}

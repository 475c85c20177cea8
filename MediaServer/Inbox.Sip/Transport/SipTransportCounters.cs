namespace Inbox.Sip.Transport;

/// <summary>What the transports threw away, so an operator can tell a noisy network from a quiet one.</summary>
internal sealed class SipTransportCounters
{
    private long _notSip;
    private long _malformed;
    private long _oversized;

    /// <summary>Datagrams and stream bytes that were not SIP at all: dropped silently.</summary>
    public long NotSip => Interlocked.Read(ref _notSip);

    /// <summary>Messages that broke the grammar (requests among them were answered 400 where possible).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    public long Oversized => Interlocked.Read(ref _oversized);

    public void CountNotSip() => Interlocked.Increment(ref _notSip);

    public void CountMalformed() => Interlocked.Increment(ref _malformed);

    public void CountOversized() => Interlocked.Increment(ref _oversized);
}

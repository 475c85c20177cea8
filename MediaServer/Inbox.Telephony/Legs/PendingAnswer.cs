using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Our 2xx to an INVITE or re-INVITE, resent at T1 doubling up to T2 until its ACK comes (RFC 3261 §13.3.1.4). Not
/// thread-safe: touched only on the executor of the caller's Call-ID.
/// </summary>
internal sealed class PendingAnswer(SipServerTransaction transaction, SipResponse ok, long sentAt, TimeSpan interval)
{
    public SipServerTransaction Transaction { get; } = transaction;

    public SipResponse Ok { get; } = ok;

    /// <summary>When the 2xx was first sent (a <see cref="TimeProvider"/> timestamp); without an ACK 64·T1 later the dialog ends.</summary>
    public long SentAt { get; } = sentAt;

    /// <summary>The current retransmission interval.</summary>
    public TimeSpan Interval { get; set; } = interval;

    /// <summary>The 2xx carries our offer, so the ACK brings the answer (an offerless re-INVITE, RFC 3261 §14.2).</summary>
    public bool AwaitsAnswer { get; init; }

    public ITimer? Timer { get; set; }

    /// <summary>The ACK came, or the dialog ended.</summary>
    public bool Done { get; private set; }

    /// <summary>True when <paramref name="ack"/> acknowledges this 2xx (same CSeq number).</summary>
    public bool IsAckedBy(SipRequest ack) => !Done && ack.CSeq.Number == Transaction.Request.CSeq.Number;

    public void Stop()
    {
        Done = true;
        Timer?.Dispose();
        Timer = null;
    }
}

using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Transactions;

/// <summary>
/// The non-INVITE server transaction (RFC 3261 §17.2.2): Trying, Proceeding, Completed and Terminated; Timer J.
/// Retransmitted requests get the last response again; in Trying there is none yet, so they are dropped.
/// </summary>
internal sealed class SipNonInviteServerTransaction : SipServerTransaction
{
    public SipNonInviteServerTransaction(
        SipTransactionKey key, SipRequest request, SipEndPoint source, SipEndPoint responseDestination,
        SipTransactionContext context, Action<SipTransaction> onTerminated, ISipTransactionUser user)
        : base(key, request, source, responseDestination, SipTransactionState.Trying, context, onTerminated, user)
    {
    }

    internal override void OnRetransmission(SipRequest request)
    {
        SipResponse? resend;
        lock (Gate)
        {
            resend = Current is SipTransactionState.Proceeding or SipTransactionState.Completed ? LastResponse : null;
        }

        if (resend is not null)
        {
            SendInBackground(resend);
        }
    }

    private protected override ResponseOutcome Accept(SipResponse response)
    {
        lock (Gate)
        {
            if (Current is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                return ResponseOutcome.Discard; // §17.2.2: later finals from the TU are discarded.
            }

            LastResponse = response;
            if (response.IsProvisional)
            {
                Current = SipTransactionState.Proceeding;
                return ResponseOutcome.Send;
            }

            Current = SipTransactionState.Completed;
            if (IsReliable)
            {
                return ResponseOutcome.SendAndTerminate; // Timer J is zero.
            }

            ScheduleTimeout(Timers.TransactionTimeout); // Timer J
            return ResponseOutcome.Send;
        }
    }

    private protected override void OnRetransmitTimer()
    {
    }

    private protected override void OnTimeoutTimer() => Terminate();
}

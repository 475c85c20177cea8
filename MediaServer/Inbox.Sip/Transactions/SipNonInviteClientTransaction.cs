using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Transactions;

/// <summary>
/// The non-INVITE client transaction (RFC 3261 §17.1.2): Trying, Proceeding, Completed and Terminated;
/// Timers E, F and K.
/// </summary>
internal sealed class SipNonInviteClientTransaction : SipClientTransaction
{

    public SipNonInviteClientTransaction(
        SipTransactionKey key, SipRequest request, SipEndPoint destination, SipTransactionContext context,
        Action<SipTransaction> onTerminated, Action<SipClientTransaction, SipResponse>? onResponse)
        : base(key, request, destination, SipTransactionState.Trying, context, onTerminated, onResponse)
    {
    }

    internal override void OnResponse(SipResponse response)
    {
        bool forward = false, complete = false, terminate = false;
        lock (Gate)
        {
            if (Current is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                return; // Completed absorbs retransmitted finals; Terminated ignores everything.
            }

            if (response.IsProvisional)
            {
                Current = SipTransactionState.Proceeding;
                forward = true;
            }
            else
            {
                Current = SipTransactionState.Completed;
                CancelRetransmit();
                complete = true;
                if (IsReliable)
                {
                    terminate = true; // Timer K is zero.
                }
                else
                {
                    ScheduleTimeout(Timers.T4); // Timer K
                }
            }
        }

        if (forward)
        {
            Forward(response);
        }

        if (complete)
        {
            CompleteWith(response);
        }

        if (terminate)
        {
            Terminate();
        }
    }

    private protected override void OnRetransmitTimer()
    {
        lock (Gate)
        {
            // Timer E doubles up to T2 while Trying, and stays at T2 once Proceeding (RFC 3261 §17.1.2.2).
            RetransmitInterval = Current switch
            {
                SipTransactionState.Trying => TimeSpan.FromTicks(Math.Min(RetransmitInterval.Ticks * 2, Timers.T2.Ticks)),
                SipTransactionState.Proceeding => Timers.T2,
                _ => TimeSpan.Zero,
            };
            if (RetransmitInterval == TimeSpan.Zero)
            {
                return;
            }

            ScheduleRetransmit(RetransmitInterval);
        }

        SendInBackground(Request);
    }

    private protected override void OnTimeoutTimer()
    {
        bool timedOut;
        lock (Gate)
        {
            timedOut = Current is SipTransactionState.Trying or SipTransactionState.Proceeding; // Timer F
            if (!TerminateLocked())
            {
                return;
            }
        }

        NotifyTerminated();
        if (timedOut)
        {
            CompleteWithTimeout();
        }
    }
}

using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Transactions;

/// <summary>
/// The INVITE client transaction (RFC 3261 §17.1.1 as updated by RFC 6026 §7.2): Calling, Proceeding, Completed
/// (non-2xx, ACKed here), Accepted (2xx, ACKed by the TU) and Terminated; Timers A, B, D and M.
/// </summary>
internal sealed class SipInviteClientTransaction : SipClientTransaction
{
    private SipRequest? _ack;

    public SipInviteClientTransaction(
        SipTransactionKey key, SipRequest request, SipEndPoint destination, SipTransactionContext context,
        Action<SipTransaction> onTerminated, Action<SipClientTransaction, SipResponse>? onResponse)
        : base(key, request, destination, SipTransactionState.Calling, context, onTerminated, onResponse)
    {
    }

    internal override void OnResponse(SipResponse response)
    {
        var action = Action.None;
        SipRequest? ack = null;
        lock (Gate)
        {
            switch (Current)
            {
                case SipTransactionState.Calling or SipTransactionState.Proceeding when response.IsProvisional:
                    Current = SipTransactionState.Proceeding;
                    CancelRetransmit();
                    CancelTimeout(); // Timer B matters only in Calling.
                    action = Action.Forward;
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding when response.IsSuccess:
                    // RFC 6026 §7.2: every further 2xx (retransmitted or forked) goes up to the TU until Timer M.
                    Current = SipTransactionState.Accepted;
                    CancelRetransmit();
                    ScheduleTimeout(Timers.TransactionTimeout); // Timer M
                    action = Action.Complete;
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding:
                    Current = SipTransactionState.Completed;
                    CancelRetransmit();
                    ack = _ack = SipAckFactory.ForNonSuccess(Request, response);
                    if (IsReliable)
                    {
                        action = Action.CompleteWithAckAndTerminate; // Timer D is zero.
                    }
                    else
                    {
                        ScheduleTimeout(Timers.TimerD);
                        action = Action.CompleteWithAck;
                    }

                    break;
                case SipTransactionState.Accepted when response.IsSuccess:
                    action = Action.Forward;
                    break;
                case SipTransactionState.Completed when response.StatusCode >= 300:
                    ack = _ack; // A retransmitted final: ACK again, the TU has it already.
                    action = Action.ResendAck;
                    break;
                default:
                    break;
            }
        }

        switch (action)
        {
            case Action.Forward:
                Forward(response);
                break;
            case Action.Complete:
                CompleteWith(response);
                break;
            case Action.CompleteWithAck or Action.CompleteWithAckAndTerminate:
                SendInBackground(ack!);
                CompleteWith(response);
                if (action == Action.CompleteWithAckAndTerminate)
                {
                    Terminate();
                }

                break;
            case Action.ResendAck:
                SendInBackground(ack!);
                break;
            default:
                break;
        }
    }

    private protected override void OnRetransmitTimer()
    {
        lock (Gate)
        {
            if (Current != SipTransactionState.Calling)
            {
                return;
            }

            // Timer A doubles without a cap (RFC 3261 §17.1.1.2); Timer B ends it.
            RetransmitInterval *= 2;
            ScheduleRetransmit(RetransmitInterval);
        }

        SendInBackground(Request);
    }

    private protected override void OnTimeoutTimer()
    {
        bool timedOut;
        lock (Gate)
        {
            timedOut = Current == SipTransactionState.Calling;
            if (Current is not (SipTransactionState.Calling or SipTransactionState.Completed or SipTransactionState.Accepted)
                || !TerminateLocked())
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

    private enum Action
    {
        None,
        Forward,
        Complete,
        CompleteWithAck,
        CompleteWithAckAndTerminate,
        ResendAck,
    }
}

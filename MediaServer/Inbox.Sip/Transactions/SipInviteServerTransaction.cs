using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Transactions;

/// <summary>
/// The INVITE server transaction (RFC 3261 §17.2.1 as updated by RFC 6026 §7.1): Proceeding, Completed,
/// Confirmed, Accepted and Terminated; Timers G, H, I and L.
/// </summary>
/// <remarks>
/// 100 Trying is sent only when the TU has not responded within <see cref="SipTimerOptions.TryingDelay"/>
/// (200 ms by default), or at once when a retransmitted INVITE arrives before any response. In Accepted the TU
/// owns 2xx retransmission (§13.3.1.4): its 2xx pass through, retransmitted INVITEs are absorbed and ACKs go to
/// the TU.
/// </remarks>
internal sealed class SipInviteServerTransaction : SipServerTransaction
{
    private TimeSpan _timerG;

    public SipInviteServerTransaction(
        SipTransactionKey key, SipRequest request, SipEndPoint source, SipEndPoint responseDestination,
        SipTransactionContext context, Action<SipTransaction> onTerminated, ISipTransactionUser user)
        : base(key, request, source, responseDestination, SipTransactionState.Proceeding, context, onTerminated, user)
    {
    }

    internal override void Start()
    {
        if (Timers.TryingDelay == TimeSpan.Zero)
        {
            SendTryingIfSilent();
            return;
        }

        lock (Gate)
        {
            ScheduleRetransmit(Timers.TryingDelay);
        }
    }

    internal override void OnRetransmission(SipRequest request)
    {
        SipResponse? resend;
        lock (Gate)
        {
            resend = Current switch
            {
                SipTransactionState.Proceeding => LastResponse ??= CreateTrying(),
                SipTransactionState.Completed => LastResponse,
                _ => null, // Accepted (RFC 6026 §7.1) and Confirmed absorb it.
            };
        }

        if (resend is not null)
        {
            SendInBackground(resend);
        }
    }

    internal override bool OnAck(SipRequest ack)
    {
        lock (Gate)
        {
            switch (Current)
            {
                case SipTransactionState.Completed:
                    Current = SipTransactionState.Confirmed;
                    CancelRetransmit();
                    if (!IsReliable)
                    {
                        ScheduleTimeout(Timers.T4); // Timer I
                        return true;
                    }

                    break;
                case SipTransactionState.Confirmed or SipTransactionState.Proceeding:
                    return true;
                default:
                    return false; // Accepted: an ACK for the 2xx belongs to the TU (RFC 6026 §7.1).
            }
        }

        Terminate(); // Timer I is zero on reliable transports.
        return true;
    }

    private protected override ResponseOutcome Accept(SipResponse response)
    {
        lock (Gate)
        {
            switch (Current)
            {
                case SipTransactionState.Proceeding when response.IsProvisional:
                    CancelRetransmit(); // The TU spoke: no automatic 100 Trying.
                    LastResponse = response;
                    return ResponseOutcome.Send;
                case SipTransactionState.Proceeding when response.IsSuccess:
                    Current = SipTransactionState.Accepted;
                    CancelRetransmit();
                    LastResponse = response;
                    ScheduleTimeout(Timers.TransactionTimeout); // Timer L
                    return ResponseOutcome.Send;
                case SipTransactionState.Proceeding:
                    Current = SipTransactionState.Completed;
                    LastResponse = response;
                    if (IsReliable)
                    {
                        CancelRetransmit();
                    }
                    else
                    {
                        _timerG = Timers.T1;
                        ScheduleRetransmit(_timerG); // Timer G
                    }

                    ScheduleTimeout(Timers.TransactionTimeout); // Timer H
                    return ResponseOutcome.Send;
                case SipTransactionState.Accepted when response.IsSuccess:
                    return ResponseOutcome.Send; // The TU retransmitting its 2xx.
                default:
                    return ResponseOutcome.Discard;
            }
        }
    }

    private protected override void OnRetransmitTimer()
    {
        SipResponse? resend = null;
        lock (Gate)
        {
            if (Current == SipTransactionState.Completed)
            {
                // Timer G doubles up to T2 (RFC 3261 §17.2.1).
                _timerG = TimeSpan.FromTicks(Math.Min(_timerG.Ticks * 2, Timers.T2.Ticks));
                ScheduleRetransmit(_timerG);
                resend = LastResponse;
            }
        }

        if (resend is not null)
        {
            SendInBackground(resend);
            return;
        }

        SendTryingIfSilent();
    }

    private protected override void OnTimeoutTimer()
    {
        bool timedOut;
        lock (Gate)
        {
            timedOut = Current == SipTransactionState.Completed; // Timer H: the ACK never came.
            if (Current is not (SipTransactionState.Completed or SipTransactionState.Confirmed or SipTransactionState.Accepted)
                || !TerminateLocked())
            {
                return;
            }
        }

        NotifyTerminated();
        if (timedOut)
        {
            ReportFailure(SipTransactionFailure.Timeout, null);
        }
    }

    private void SendTryingIfSilent()
    {
        SipResponse trying;
        lock (Gate)
        {
            if (Current != SipTransactionState.Proceeding || LastResponse is not null)
            {
                return;
            }

            trying = LastResponse = CreateTrying();
        }

        SendInBackground(trying);
    }

    // RFC 3261 §8.2.6.1: 100 Trying copies Timestamp and carries no To tag.
    private SipResponse CreateTrying() => SipResponseFactory.Create(Request, 100, source: Source.Address);
}

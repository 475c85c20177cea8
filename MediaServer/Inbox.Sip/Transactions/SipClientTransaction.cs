using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Transactions;

/// <summary>
/// A client transaction, started with <see cref="SipTransactionLayer.SendRequest"/>. Its final response arrives
/// through <see cref="Completion"/>; provisional responses, and for INVITE every 2xx after the first (retransmissions
/// and forked answers, RFC 6026 §7.2), through the callback given when it was started.
/// </summary>
internal abstract class SipClientTransaction : SipTransaction
{
    private readonly TaskCompletionSource<SipResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<SipClientTransaction, SipResponse>? _onResponse;

    private protected SipClientTransaction(
        SipTransactionKey key, SipRequest request, SipEndPoint destination, SipTransactionState initialState,
        SipTransactionContext context, Action<SipTransaction> onTerminated, Action<SipClientTransaction, SipResponse>? onResponse)
        : base(key, request, destination, initialState, context, onTerminated)
    {
        _onResponse = onResponse;
    }

    /// <summary>
    /// The first final response. On Timer B or F it is a locally built 408 and <see cref="TimedOut"/> is true
    /// (RFC 3261 §8.1.3.1); on a transport error the task faults with <see cref="SipTransportException"/>.
    /// Continuations run asynchronously, never on the thread that delivered the response.
    /// </summary>
    public Task<SipResponse> Completion => _completion.Task;

    /// <summary>True when no final response came before Timer B or F fired.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>
    /// The current retransmission interval: Timer A for INVITE, Timer E otherwise. Both start at T1 (RFC 3261
    /// §17.1.1.2, §17.1.2.2); each state machine grows it by its own rule. Guarded by the transaction's lock.
    /// </summary>
    private protected TimeSpan RetransmitInterval { get; set; }

    /// <summary>Sends the request and arms the timers: retransmission over unreliable transports, and Timer B or F.</summary>
    internal void Start()
    {
        lock (Gate)
        {
            if (!IsReliable)
            {
                RetransmitInterval = Timers.T1;
                ScheduleRetransmit(RetransmitInterval);
            }

            ScheduleTimeout(Timers.TransactionTimeout);
        }

        SendInBackground(Request);
    }

    /// <summary>A response whose branch and CSeq method match this transaction.</summary>
    internal abstract void OnResponse(SipResponse response);

    private protected void CompleteWith(SipResponse response) => _completion.TrySetResult(response);

    /// <summary>Hands a provisional or a further 2xx to the TU, on the calling thread.</summary>
    private protected void Forward(SipResponse response) => _onResponse?.Invoke(this, response);

    /// <summary>Sends without waiting; a failure terminates the transaction and faults <see cref="Completion"/>.</summary>
    private protected void SendInBackground(SipMessage message) => _ = SendOrFailAsync(message);

    /// <summary>Timer B or F fired: terminate and give the TU a 408 (RFC 3261 §17.1.1.2, §17.1.2.2).</summary>
    private protected void CompleteWithTimeout()
    {
        TimedOut = true;
        _completion.TrySetResult(SipResponseFactory.Create(Request, 408));
    }

    private async Task SendOrFailAsync(SipMessage message)
    {
        var error = await TrySendAsync(message).ConfigureAwait(false);
        if (error is not null)
        {
            // RFC 3261 §17.1.4: a transport failure ends the transaction and is reported to the TU.
            Terminate();
            _completion.TrySetException(error);
        }
    }
}

using System.Runtime.ExceptionServices;
using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Transactions;

/// <summary>
/// A server transaction, handed to the TU by <see cref="ISipTransactionUser.OnRequest"/>. The TU builds responses
/// (see <see cref="SipResponseFactory"/>, passing <see cref="Source"/> so the top Via gets received and rport) and
/// sends them with <see cref="SendResponseAsync"/>. Retransmitted requests never reach the TU.
/// </summary>
internal abstract class SipServerTransaction : SipTransaction
{
    private readonly ISipTransactionUser _user;

    private protected SipServerTransaction(
        SipTransactionKey key, SipRequest request, SipEndPoint source, SipEndPoint responseDestination,
        SipTransactionState initialState, SipTransactionContext context, Action<SipTransaction> onTerminated, ISipTransactionUser user)
        : base(key, request, responseDestination, initialState, context, onTerminated)
    {
        Source = source;
        _user = user;
    }

    /// <summary>Where the request came from; responses go to <see cref="SipTransaction.RemoteEndPoint"/>.</summary>
    public SipEndPoint Source { get; }

    /// <summary>The last response sent, which a retransmitted request gets again; read under the lock.</summary>
    private protected SipResponse? LastResponse { get; set; }

    /// <summary>
    /// Sends a response to the request. Responses the state does not allow are discarded as RFC 3261 §17.2
    /// requires (for instance a second final response). When the transport fails, the transaction terminates and
    /// the <see cref="SipTransportException"/> is thrown to the caller.
    /// </summary>
    /// <exception cref="ArgumentException">The response's CSeq is not the request's.</exception>
    public async Task SendResponseAsync(SipResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.CSeq.Number != Request.CSeq.Number || response.CSeq.MethodName != Request.CSeq.MethodName)
        {
            throw new ArgumentException("The response does not answer this transaction's request.", nameof(response));
        }

        var outcome = Accept(response);
        if (outcome == ResponseOutcome.Discard)
        {
            return;
        }

        var error = await TrySendAsync(response, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            Terminate();
            ExceptionDispatchInfo.Throw(error);
        }

        if (outcome == ResponseOutcome.SendAndTerminate)
        {
            Terminate();
        }
    }

    /// <summary>A retransmission of the request (same key, not ACK).</summary>
    internal abstract void OnRetransmission(SipRequest request);

    /// <summary>An ACK matching this transaction; false when the TU should have it.</summary>
    internal virtual bool OnAck(SipRequest ack) => false;

    /// <summary>Arms the initial timers.</summary>
    internal virtual void Start()
    {
    }

    /// <summary>Applies the state change for a response from the TU; called outside the lock.</summary>
    private protected abstract ResponseOutcome Accept(SipResponse response);

    /// <summary>Resends a stored response without waiting; a failure terminates and is reported to the TU.</summary>
    private protected void SendInBackground(SipResponse response) => _ = ResendAsync(response);

    private protected void ReportFailure(SipTransactionFailure failure, SipTransportException? error) =>
        _user.OnServerTransactionFailed(this, failure, error);

    private async Task ResendAsync(SipResponse response)
    {
        var error = await TrySendAsync(response).ConfigureAwait(false);
        if (error is not null && Terminate())
        {
            ReportFailure(SipTransactionFailure.TransportError, error);
        }
    }

    private protected enum ResponseOutcome
    {
        Discard,
        Send,
        SendAndTerminate,
    }
}

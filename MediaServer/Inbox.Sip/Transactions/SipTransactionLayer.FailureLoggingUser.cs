using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Transactions;

internal sealed partial class SipTransactionLayer
{
    /// <summary>Logs server transaction failures on their way to the TU; everything else passes straight through.</summary>
    private sealed class FailureLoggingUser(ISipTransactionUser inner, SipTransactionLayer layer) : ISipTransactionUser
    {
        public void OnRequest(SipServerTransaction transaction) => inner.OnRequest(transaction);

        public void OnAck(SipRequest ack, SipEndPoint source) => inner.OnAck(ack, source);

        public void OnStrayResponse(SipResponse response, SipEndPoint source) => inner.OnStrayResponse(response, source);

        public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionFailure failure, SipTransportException? error)
        {
            SipTransactionLog.ServerTransactionFailed(layer._logger, transaction.Key.Branch, transaction.Key.Method, failure);
            inner.OnServerTransactionFailed(transaction, failure, error);
        }
    }
}

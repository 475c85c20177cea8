using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Tests.Transactions;

internal sealed class RecordingTransactionUser : ISipTransactionUser
{
    public List<SipServerTransaction> Requests { get; } = [];

    public List<SipRequest> Acks { get; } = [];

    public List<SipResponse> StrayResponses { get; } = [];

    public List<(SipServerTransaction Transaction, SipTransactionFailure Failure, SipTransportException? Error)> Failures { get; } = [];

    public void OnRequest(SipServerTransaction transaction) => Requests.Add(transaction);

    public void OnAck(SipRequest ack, SipEndPoint source) => Acks.Add(ack);

    public void OnStrayResponse(SipResponse response, SipEndPoint source) => StrayResponses.Add(response);

    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionFailure failure, SipTransportException? error) =>
        Failures.Add((transaction, failure, error));
}

using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;

namespace Inbox.Sip.Stack;

/// <summary>Answers OPTIONS with what the server can do (RFC 3261 §11.2): Allow, Accept and Supported.</summary>
internal sealed class SipOptionsHandler(string allow, string serverName) : ISipRequestHandler
{
    public SipMethod Method => SipMethod.Options;

    public Task HandleAsync(SipRequest request, SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        var response = SipResponseFactory.CreateBuilder(request, 200, toTag: SipTag.Create(), source: transaction.Source.Address)
            .Header(SipHeaderId.Allow, allow)
            .Header(SipHeaderId.Accept, "application/sdp")
            .Header(SipHeaderId.Supported, string.Join(", ", SipRequestValidator.SupportedOptions))
            .Header(SipHeaderId.Server, serverName)
            .BuildResponse();
        return transaction.SendResponseAsync(response, cancellationToken);
    }
}

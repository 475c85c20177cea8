using Inbox.Sip.Messages;
using Inbox.Sip.Stack;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>Serves REFER for the stack: agents' phones transferring the customer (<c>CallHandler.Refer.cs</c>).</summary>
internal sealed class ReferHandler(CallHandler calls) : ISipRequestHandler
{
    public SipMethod Method => SipMethod.Refer;

    public Task HandleAsync(SipRequest request, SipServerTransaction transaction, CancellationToken cancellationToken) =>
        calls.HandleReferAsync(request, transaction, cancellationToken);
}

using Inbox.Sip.Messages;
using Inbox.Sip.Stack;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>Serves BYE for the stack: the calls' dialogs live in <see cref="CallHandler"/>.</summary>
internal sealed class ByeHandler(CallHandler calls) : ISipRequestHandler
{
    public SipMethod Method => SipMethod.Bye;

    public Task HandleAsync(SipRequest request, SipServerTransaction transaction, CancellationToken cancellationToken) =>
        calls.HandleByeAsync(request, transaction, cancellationToken);
}

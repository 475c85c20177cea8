using Inbox.Sip.Messages;
using Inbox.Sip.Stack;
using Inbox.Sip.Transactions;

namespace Inbox.Telephony.Legs;

/// <summary>Serves INFO for the stack (DTMF in a call's dialog): the calls' dialogs live in <see cref="CallHandler"/>.</summary>
internal sealed class InfoHandler(CallHandler calls) : ISipRequestHandler
{
    public SipMethod Method => SipMethod.Info;

    public Task HandleAsync(SipRequest request, SipServerTransaction transaction, CancellationToken cancellationToken) =>
        calls.HandleInfoAsync(request, transaction, cancellationToken);
}

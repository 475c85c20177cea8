using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;

namespace Inbox.Sip.Stack;

/// <summary>Serves one request method for the stack (REGISTER, OPTIONS, later INVITE and friends).</summary>
internal interface ISipRequestHandler
{
    SipMethod Method { get; }

    /// <summary>
    /// Answers the request through <paramref name="transaction"/>. Runs on the executor that owns the request's
    /// Call-ID; work that waits (storage) should be awaited, not blocked on.
    /// </summary>
    Task HandleAsync(SipRequest request, SipServerTransaction transaction, CancellationToken cancellationToken);
}

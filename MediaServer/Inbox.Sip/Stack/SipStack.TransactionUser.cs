using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Stack;

internal sealed partial class SipStack
{
    public void OnRequest(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (_handlers.TryGetValue(request.Method, out var handler))
        {
            _ = HandleAsync(handler, request, transaction);
            return;
        }

        var response = request.Method switch
        {
            SipMethod.Cancel => AnswerCancel(request, transaction),
            SipMethod.Bye => Respond(request, transaction, 481),
            SipMethod.Extension => Respond(request, transaction, 501),
            _ => RespondMethodNotAllowed(request, transaction),
        };
        _ = SendAsync(transaction, response);
    }

    // Without call control an ACK for a 2xx or a stray ACK needs nothing (RFC 3261 §17.2.3).
    public void OnAck(SipRequest ack, SipEndPoint source) => _inviteHandler?.OnAck(ack, source);

    public void OnStrayResponse(SipResponse response, SipEndPoint source)
    {
        // Responses that match no client transaction are dropped (RFC 3261 §18.1.2).
    }

    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionFailure failure, SipTransportException? error) =>
        SipStackLog.ServerTransactionFailed(_logger, transaction.Request.MethodName, failure, error);

    private async Task HandleAsync(ISipRequestHandler handler, SipRequest request, SipServerTransaction transaction)
    {
        try
        {
            await handler.HandleAsync(request, transaction, _stopping.Token).ConfigureAwait(false);
        }
        catch (SipFormatException e)
        {
            await SendAsync(transaction, Respond(request, transaction, 400, e.Message)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SipStackLog.HandlerFailed(_logger, request.MethodName, request.CallId, e);
            await SendAsync(transaction, Respond(request, transaction, 500)).ConfigureAwait(false);
        }
    }

    // CANCEL for an INVITE still pending ends it with 487; otherwise there is nothing to cancel (RFC 3261 §9.2).
    private SipResponse AnswerCancel(SipRequest cancel, SipServerTransaction transaction)
    {
        if (_transactions.FindCancelTarget(cancel) is not { } invite)
        {
            return Respond(cancel, transaction, 481);
        }

        var ok = Respond(cancel, transaction, 200);
        if (_inviteHandler is { } handler)
        {
            // Queued behind this CANCEL's 200 on the same executor, so the 200 leaves first (§9.2).
            _executors.TryPost(cancel.CallId, () => handler.OnCancel(invite));
        }

        return ok;
    }

    private SipResponse RespondMethodNotAllowed(SipRequest request, SipServerTransaction transaction) =>
        SipResponseFactory.CreateBuilder(request, 405, toTag: SipTag.Create(), source: transaction.Source.Address)
            .Header(SipHeaderId.Allow, Allow)
            .BuildResponse();

    private static SipResponse Respond(SipRequest request, SipServerTransaction transaction, int statusCode, string? reason = null) =>
        SipResponseFactory.Create(request, statusCode, reason, SipTag.Create(), transaction.Source.Address);

    private async Task SendAsync(SipServerTransaction transaction, SipResponse response)
    {
        try
        {
            await transaction.SendResponseAsync(response, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SipTransportException or OperationCanceledException)
        {
            SipStackLog.SendFailed(_logger, transaction.Source, e);
        }
    }
}

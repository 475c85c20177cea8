using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Sip.Stack;

/// <summary>
/// The server's SIP core: takes what the transports read, runs each Call-ID's messages on its executor, validates
/// requests, lets the transaction layer absorb retransmissions, and hands new requests to the handler for their
/// method. Methods nobody serves get 405 (known) or 501 (unknown), per RFC 3261 §8.2.1.
/// </summary>
internal sealed partial class SipStack : ISipMessageSink, ISipTransactionUser, ISipCallExecutor, ISipClient, IAsyncDisposable
{
    private readonly ISipTransport _transport;
    private readonly Dictionary<SipMethod, ISipRequestHandler> _handlers;
    private readonly ISipInviteHandler? _inviteHandler;
    private readonly SipExecutorPool _executors;
    private readonly SipTransactionLayer _transactions;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    public SipStack(
        ISipTransport transport, IEnumerable<ISipRequestHandler> handlers, IOptions<SipStackOptions> options,
        SipTimerOptions timers, TimeProvider timeProvider, ILogger<SipStack> logger, ILogger<SipTransactionLayer> transactionLogger)
    {
        _transport = transport;
        _logger = logger;
        _handlers = handlers.ToDictionary(h => h.Method);
        Allow = string.Join(", ", _handlers.Keys.Concat([SipMethod.Options, SipMethod.Ack, SipMethod.Cancel]).Distinct().Order().Select(SipMethods.ToName));
        _handlers.TryAdd(SipMethod.Options, new SipOptionsHandler(Allow, options.Value.ServerName));
        _executors = new SipExecutorPool(options.Value.Executors, e => SipStackLog.WorkFailed(logger, e));
        _transactions = new SipTransactionLayer(transport, this, timeProvider, timers, transactionLogger);
        _inviteHandler = _handlers.GetValueOrDefault(SipMethod.Invite) as ISipInviteHandler;
        _inviteHandler?.Bind(this, this);
    }

    /// <summary>The methods the server accepts, for Allow headers.</summary>
    public string Allow { get; }

    /// <summary>Live client and server transactions.</summary>
    internal int TransactionCount => _transactions.ServerTransactionCount + _transactions.ClientTransactionCount;

    /// <summary>Messages dropped because their executor's queue was full.</summary>
    public long Overloaded => _executors.Rejected;

    public void OnMessage(SipMessage message, SipEndPoint source)
    {
        if (!_executors.TryPost(message.GetHeader(SipHeaderId.CallId), () => Receive(message, source)))
        {
            SipStackLog.ExecutorOverloaded(_logger, source);
        }
    }

    public bool TryPost(string callId, Action work) => _executors.TryPost(callId, work);

    public IReadOnlyList<SipEndPoint> LocalEndPoints => _transport.LocalEndPoints;

    public SipClientTransaction SendRequest(SipRequest request, SipEndPoint destination, Action<SipClientTransaction, SipResponse>? onResponse = null) =>
        _transactions.SendRequest(request, destination, onResponse);

    public ValueTask SendStatelessAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken = default) =>
        _transactions.SendStatelessAsync(message, destination, cancellationToken);

    public void OnRejectedRequest(SipMessage? message, SipEndPoint source, int statusCode, string reason)
    {
        if (message is SipRequest request)
        {
            _executors.TryPost(message.GetHeader(SipHeaderId.CallId), () => RejectStatelessly(request, source, new SipRejection(statusCode, reason)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Both the hosted service (on stop) and the container (on dispose) call this.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _executors.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void Receive(SipMessage message, SipEndPoint source)
    {
        if (message is SipRequest request && request.Method != SipMethod.Ack && SipRequestValidator.Validate(request) is { } rejection)
        {
            // Nothing well-formed enough to reject has a transaction yet: answer statelessly (RFC 3261 §8.2).
            RejectStatelessly(request, source, rejection);
            return;
        }

        _transactions.OnMessage(message, source);
    }

    private void RejectStatelessly(SipRequest request, SipEndPoint source, SipRejection rejection)
    {
        SipStackLog.RequestRejected(_logger, request.MethodName, source, rejection.StatusCode, rejection.ReasonPhrase);
        if (request.Method == SipMethod.Ack || !TryBuildResponse(request, source, rejection, out var response))
        {
            return;
        }

        SipEndPoint destination;
        try
        {
            destination = SipResponseRouting.GetDestination(request, source);
        }
        catch (SipFormatException)
        {
            return;
        }

        _ = SendStatelessAsync(response!, destination);
    }

    private async Task SendStatelessAsync(SipResponse response, SipEndPoint destination)
    {
        try
        {
            await _transport.SendAsync(response, destination, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SipTransportException or OperationCanceledException)
        {
            SipStackLog.SendFailed(_logger, destination, e);
        }
    }

    // A request too broken to copy Via, From, To, Call-ID and CSeq from cannot be answered at all (RFC 3261 §8.2.6).
    private static bool TryBuildResponse(SipRequest request, SipEndPoint source, SipRejection rejection, out SipResponse? response)
    {
        response = null;
        if (!request.HasHeader(SipHeaderId.Via) || !request.HasHeader(SipHeaderId.To))
        {
            return false;
        }

        try
        {
            var builder = SipResponseFactory.CreateBuilder(request, rejection.StatusCode, rejection.ReasonPhrase, SipTag.Create(), source.Address);
            foreach (var (name, value) in rejection.Headers ?? [])
            {
                builder.Header(name, value);
            }

            response = builder.BuildResponse();
            return true;
        }
        catch (SipFormatException)
        {
            return false;
        }
    }
}

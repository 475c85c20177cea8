using System.Collections.Concurrent;
using Inbox.Sip.Messages;
using Inbox.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Sip.Transactions;

/// <summary>
/// The SIP transaction layer (RFC 3261 §17, RFC 6026): matches received messages to transactions, creates server
/// transactions for new requests and hands them to the <see cref="ISipTransactionUser"/>, and starts client
/// transactions for the TU.
/// </summary>
/// <remarks>
/// Thread-safety: all members may be called concurrently. The tables are concurrent dictionaries and each
/// transaction guards its state with its own lock, so messages of one Call-ID may arrive on any thread, although
/// the design routes them through one serial executor per Call-ID. TU callbacks run on the calling thread (or a
/// timer thread), never under a lock.
/// </remarks>
internal sealed partial class SipTransactionLayer
{
    private readonly ConcurrentDictionary<SipTransactionKey, SipServerTransaction> _servers = new();
    private readonly ConcurrentDictionary<SipTransactionKey, SipClientTransaction> _clients = new();
    private readonly SipTransactionContext _context;
    private readonly FailureLoggingUser _user;
    private readonly ILogger _logger;
    private readonly Action<SipTransaction> _onTerminated;

    public SipTransactionLayer(
        ISipTransport transport, ISipTransactionUser user, TimeProvider timeProvider, SipTimerOptions timers,
        ILogger<SipTransactionLayer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(timers);
        timers.Validate();
        _context = new SipTransactionContext(transport, timeProvider, timers);
        _user = new FailureLoggingUser(user, this);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _onTerminated = Forget;
    }

    /// <summary>Live server transactions.</summary>
    public int ServerTransactionCount => _servers.Count;

    /// <summary>Live client transactions.</summary>
    public int ClientTransactionCount => _clients.Count;

    /// <summary>
    /// A message from the transport. Requests go to their server transaction (retransmissions and ACKs for
    /// non-2xx are absorbed there) or start a new one that is handed to the TU; responses go to their client
    /// transaction or, when none matches, to the TU as stray. Messages too malformed to match are dropped.
    /// </summary>
    public void OnMessage(SipMessage message, SipEndPoint source)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is SipRequest request)
        {
            OnRequest(request, source);
        }
        else
        {
            OnResponse((SipResponse)message, source);
        }
    }

    /// <summary>
    /// Starts a client transaction: sends <paramref name="request"/> to <paramref name="destination"/> and
    /// retransmits it as its timers say. The request's top Via must carry a branch from <see cref="SipBranch.Create"/>.
    /// </summary>
    /// <param name="onResponse">
    /// Called with each provisional response and, for INVITE, each 2xx after the first; on the thread that
    /// delivered the response, so it must not block.
    /// </param>
    /// <exception cref="ArgumentException">The request is an ACK or its branch lacks the magic cookie.</exception>
    /// <exception cref="InvalidOperationException">A client transaction with the same branch and method is live.</exception>
    public SipClientTransaction SendRequest(
        SipRequest request, SipEndPoint destination, Action<SipClientTransaction, SipResponse>? onResponse = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == SipMethod.Ack)
        {
            throw new ArgumentException("ACK has no client transaction: send the ACK for a 2xx with SendStatelessAsync.", nameof(request));
        }

        if (!SipBranch.IsRfc3261(request.TopVia.Branch))
        {
            throw new ArgumentException("The top Via needs a branch starting with the magic cookie (SipBranch.Create).", nameof(request));
        }

        var key = SipTransactionKey.ForClient(request);
        SipClientTransaction transaction = request.Method == SipMethod.Invite
            ? new SipInviteClientTransaction(key, request, destination, _context, _onTerminated, onResponse)
            : new SipNonInviteClientTransaction(key, request, destination, _context, _onTerminated, onResponse);
        if (!_clients.TryAdd(key, transaction))
        {
            throw new InvalidOperationException($"A client transaction for branch {key.Branch} and {key.Method} already exists.");
        }

        transaction.Start();
        return transaction;
    }

    /// <summary>
    /// Sends a message outside any transaction: the ACK for a 2xx (RFC 3261 §13.2.2.4) or a 2xx retransmission
    /// after its transaction ended. Throws <see cref="SipTransportException"/> on failure.
    /// </summary>
    public ValueTask SendStatelessAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken = default) =>
        _context.Transport.SendAsync(message, destination, cancellationToken);

    /// <summary>
    /// The INVITE server transaction a CANCEL targets (RFC 3261 §9.2): same key but the method INVITE. Null when
    /// none is live; the TU then answers the CANCEL with 481.
    /// </summary>
    public SipServerTransaction? FindCancelTarget(SipRequest cancel)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        return TryGetServerKey(cancel, null, out _) && _servers.TryGetValue(SipTransactionKey.ForCancelTarget(cancel), out var invite)
            ? invite
            : null;
    }
}

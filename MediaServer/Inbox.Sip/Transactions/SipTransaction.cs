using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Transactions;

/// <summary>
/// What the four transaction machines share: the request, the peer, the state, two timer slots and sending.
/// </summary>
/// <remarks>
/// Thread-safety: every member may be called from any thread. State changes happen under a small lock per
/// transaction; messages are sent and the TU is called after the lock is released, so a TU callback may call back
/// into the transaction or the layer. Timer callbacks come from <see cref="TimeProvider.CreateTimer"/> threads and
/// re-check the state, so a timer that fires just after it was cancelled does nothing.
/// The first slot holds the retransmission timer (A, E, G, or the 100 Trying delay), the second the timeout or
/// lifetime timer (B, D, F, H, I, J, K, L, M).
/// </remarks>
internal abstract class SipTransaction
{
    private readonly SipTransactionContext _context;
    private readonly Action<SipTransaction> _onTerminated;
    private ITimer? _retransmitTimer;
    private ITimer? _timeoutTimer;
    private SipTransactionState _state;

    private protected SipTransaction(
        SipTransactionKey key, SipRequest request, SipEndPoint remoteEndPoint, SipTransactionState initialState,
        SipTransactionContext context, Action<SipTransaction> onTerminated)
    {
        Key = key;
        Request = request;
        RemoteEndPoint = remoteEndPoint;
        _state = initialState;
        _context = context;
        _onTerminated = onTerminated;
    }

    public SipTransactionKey Key { get; }

    /// <summary>The request that created the transaction (sent for a client, received for a server).</summary>
    public SipRequest Request { get; }

    /// <summary>Where requests (client) or responses (server) are sent.</summary>
    public SipEndPoint RemoteEndPoint { get; }

    public SipTransactionState State
    {
        get
        {
            lock (Gate)
            {
                return _state;
            }
        }
    }

    private protected Lock Gate { get; } = new();

    /// <summary>The state, read and written only under <see cref="Gate"/>.</summary>
    private protected SipTransactionState Current
    {
        get => _state;
        set => _state = value;
    }

    private protected SipTimerOptions Timers => _context.Timers;

    /// <summary>Retransmissions run only over unreliable transports (RFC 3261 §17.1.1.2, §17.1.2.2, §17.2.1).</summary>
    private protected bool IsReliable => RemoteEndPoint.IsReliable;

    /// <summary>Called by the retransmission slot's timer.</summary>
    private protected abstract void OnRetransmitTimer();

    /// <summary>Called by the timeout slot's timer.</summary>
    private protected abstract void OnTimeoutTimer();

    /// <summary>(Re)arms the retransmission slot; call under <see cref="Gate"/>.</summary>
    private protected void ScheduleRetransmit(TimeSpan due) =>
        Arm(ref _retransmitTimer, due, static state => ((SipTransaction)state!).OnRetransmitTimer());

    /// <summary>(Re)arms the timeout slot; call under <see cref="Gate"/>.</summary>
    private protected void ScheduleTimeout(TimeSpan due) =>
        Arm(ref _timeoutTimer, due, static state => ((SipTransaction)state!).OnTimeoutTimer());

    private protected void CancelRetransmit() => _retransmitTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private protected void CancelTimeout() => _timeoutTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>Moves to Terminated and stops the timers; call under <see cref="Gate"/>. False when already there.</summary>
    private protected bool TerminateLocked()
    {
        if (_state == SipTransactionState.Terminated)
        {
            return false;
        }

        _state = SipTransactionState.Terminated;
        _retransmitTimer?.Dispose();
        _timeoutTimer?.Dispose();
        return true;
    }

    /// <summary>Tells the layer to forget the transaction; call outside <see cref="Gate"/> after <see cref="TerminateLocked"/>.</summary>
    private protected void NotifyTerminated() => _onTerminated(this);

    /// <summary>Terminates (RFC 3261 §17: the transaction is destroyed at once); true when this call did it.</summary>
    private protected bool Terminate()
    {
        bool terminated;
        lock (Gate)
        {
            terminated = TerminateLocked();
        }

        if (terminated)
        {
            NotifyTerminated();
        }

        return terminated;
    }

    /// <summary>Sends to <see cref="RemoteEndPoint"/>; any failure comes back as a transport error, never thrown.</summary>
    private protected async Task<SipTransportException?> TrySendAsync(SipMessage message, CancellationToken cancellationToken = default)
    {
        try
        {
            await _context.Transport.SendAsync(message, RemoteEndPoint, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (SipTransportException error)
        {
            return error;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A transport that fails another way (disposed at shutdown, a bug) must still end the transaction,
            // or its TU would wait for ever.
            return new SipTransportException($"Sending to {RemoteEndPoint} failed: {error.Message}", error);
        }
    }

    private void Arm(ref ITimer? timer, TimeSpan due, TimerCallback callback)
    {
        if (_state == SipTransactionState.Terminated)
        {
            return;
        }

        if (timer is null)
        {
            timer = _context.TimeProvider.CreateTimer(callback, this, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }
}

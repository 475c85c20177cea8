namespace Inbox.Telephony.Legs;

/// <summary>Host shutdown: every live call is hung up while the SIP transport can still carry the requests.</summary>
internal sealed partial class CallHandler
{
    // The BYEs and CANCELs sent while shutting down, whose answers are waited for; null until then.
    private List<Task>? _draining;

    private bool IsShuttingDown => Volatile.Read(ref _draining) is not null;

    /// <summary>
    /// Hangs up every live call: BYE on each answered leg, CANCEL to ringing phones, 503 to callers still ringing and to
    /// phones whose dialled number the inbox has not connected; their interactions end. New INVITEs get 503 from now
    /// on. Returns once the peers have answered, after a few retransmissions at most, or when
    /// <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task HangUpAllAsync(CancellationToken cancellationToken)
    {
        var draining = new List<Task>();
        if (Interlocked.CompareExchange(ref _draining, draining, null) is not null)
        {
            return;
        }

        var posted = new List<Task>();
        foreach (var call in calls.Calls)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (TryPost(call.CallId, () => ShutDown(call, done)))
            {
                posted.Add(done.Task);
            }
        }

        // Numbers phones dialled that the inbox has not connected yet: 503, and their media is released.
        foreach (var dial in _phoneDials.Values)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (TryPost(dial.Invite.CallId, () => ShutDown(dial, done)))
            {
                posted.Add(done.Task);
            }
        }

        try
        {
            await Task.WhenAll(posted).WaitAsync(cancellationToken).ConfigureAwait(false);
            Task[] requests;
            lock (draining)
            {
                requests = [.. draining];
            }

            // Enough for an answer over UDP after a lost request or two (T1, 2·T1, 4·T1), not Timer F's 32 s.
            await Task.WhenAll(requests).WaitAsync(timers.T1 * 8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            TelephonyLog.ShutdownCut(logger, calls.Count);
        }
    }

    private void ShutDown(TelephonyCall call, TaskCompletionSource done)
    {
        try
        {
            switch (call)
            {
                case InboundCall { State: InboundCallState.Ringing } ringing:
                    End(ringing, "the server is shutting down");
                    _ = SendAsync(ringing, Response(ringing, 503, "Service Unavailable").BuildResponse(), default);
                    Abandon(ringing);
                    break;
                default:
                    HangUpFromServer(call, "the server is shutting down");
                    break;
            }
        }
        finally
        {
            done.SetResult();
        }
    }

    private void ShutDown(PhoneDial dial, TaskCompletionSource done)
    {
        try
        {
            DropPhoneDial(dial, 503, "the server is shutting down");
        }
        finally
        {
            done.SetResult();
        }
    }

    // A request sent while shutting down is waited for before the transport closes.
    private void Drain(Task completion)
    {
        if (Volatile.Read(ref _draining) is { } draining)
        {
            lock (draining)
            {
                // A BYE whose transport failed has nothing to wait for, and must not fail the others' wait.
                draining.Add(completion.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
            }
        }
    }
}

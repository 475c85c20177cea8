using Grpc.Core;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests;

/// <summary>
/// Reads one WatchEvents call in the background and keeps every event, so a test can wait for the next event that
/// matches (skipping others) and look at everything received. Waits are generous: these are real sockets and timers.
/// </summary>
internal sealed class EventRecorder : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly AsyncServerStreamingCall<V1.Event> _call;
    private readonly List<V1.Event> _events = [];
    private readonly Task _reading;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _cursor;

    public EventRecorder(AsyncServerStreamingCall<V1.Event> call)
    {
        _call = call;
        _reading = ReadAsync();
    }

    /// <summary>How the stream ended: null while open or after a clean end, else the status it failed with.</summary>
    public RpcException? Failure { get; private set; }

    public bool Ended => _reading.IsCompleted;

    public IReadOnlyList<V1.Event> All
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The next event after the last one matched that satisfies <paramref name="match"/>.</summary>
    public async Task<V1.Event> NextAsync(Func<V1.Event, bool> match, string what, TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        while (true)
        {
            Task changed;
            lock (_events)
            {
                for (; _cursor < _events.Count; _cursor++)
                {
                    if (match(_events[_cursor]))
                    {
                        return _events[_cursor++];
                    }
                }

                changed = _changed.Task;
            }

            if (_reading.IsCompleted)
            {
                throw new Xunit.Sdk.XunitException($"The stream ended ({Failure?.Status.ToString() ?? "cleanly"}) before {what}; got:\n{Describe()}");
            }

            try
            {
                await Task.WhenAny(changed, _reading).WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"No {what} within {wait ?? DefaultWait}; got:\n{Describe()}");
            }
        }
    }

    /// <summary>Waits until the server ends the stream.</summary>
    public async Task EndAsync(TimeSpan? wait = null)
    {
        try
        {
            await _reading.WaitAsync(wait ?? DefaultWait);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"The stream did not end; got:\n{Describe()}");
        }
    }

    public string Describe() => string.Join("\n", All.Select(e => $"  #{e.Sequence} {e.PayloadCase} {Summary(e)}"));

    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Summary(V1.Event e) => e.PayloadCase switch
    {
        V1.Event.PayloadOneofCase.InteractionChanged => $"{e.InteractionChanged.Interaction.Id} {e.InteractionChanged.Interaction.State} agent={e.InteractionChanged.Interaction.AgentId} offered={e.InteractionChanged.Interaction.OfferedTo}",
        V1.Event.PayloadOneofCase.MessageChanged => $"{e.MessageChanged.Message.Direction} {e.MessageChanged.Message.Status} new={e.MessageChanged.IsNew} '{e.MessageChanged.Message.Text}'",
        V1.Event.PayloadOneofCase.AgentChanged => $"{e.AgentChanged.Agent.AgentId} {e.AgentChanged.Agent.Presence} {e.AgentChanged.Agent.Activity}",
        V1.Event.PayloadOneofCase.SessionEnded => e.SessionEnded.Reason.ToString(),
        V1.Event.PayloadOneofCase.StreamReset => e.StreamReset.Reason.ToString(),
        _ => string.Empty,
    };

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var item in _call.ResponseStream.ReadAllAsync())
            {
                lock (_events)
                {
                    _events.Add(item);
                    _changed.TrySetResult();
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
        catch (RpcException e)
        {
            Failure = e;
        }
    }
}

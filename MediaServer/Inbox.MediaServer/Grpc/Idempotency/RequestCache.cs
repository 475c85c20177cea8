using System.Collections.Concurrent;
using Grpc.Core;
using Inbox.MediaServer.Grpc.Auth;

namespace Inbox.MediaServer.Grpc.Idempotency;

/// <summary>
/// Makes mutating RPCs idempotent by their client-chosen request_id: the first call with an id runs, and a retry with
/// the same id (same agent, same method) gets the first call's response instead of acting twice, also while the first
/// is still running. Kept in memory per agent: the last <see cref="PerAgentCapacity"/> ids for
/// <see cref="Retention"/>, so a restart forgets them. Only successes are kept: a refused command changed nothing, so
/// its retry is judged afresh. A call without a request_id simply runs. Thread-safe.
/// </summary>
internal sealed class RequestCache(TimeProvider time)
{
    public const int PerAgentCapacity = 1000;

    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, AgentRequests> _agents = new(StringComparer.Ordinal);

    /// <summary>Runs an authenticated caller's command once per (caller, method, request id) within the retention.</summary>
    public Task<TResponse> RunOnceAsync<TResponse>(ServerCallContext context, string requestId, Func<ApiCaller, Task<TResponse>> command)
        where TResponse : class
    {
        var caller = context.Caller();
        return RunOnceAsync(caller.Agent.Id, context.Method, requestId, () => command(caller));
    }

    /// <summary>Runs <paramref name="action"/> once per (agent, method, request id) within the retention.</summary>
    public async Task<TResponse> RunOnceAsync<TResponse>(string agentId, string method, string requestId, Func<Task<TResponse>> action)
        where TResponse : class
    {
        if (string.IsNullOrEmpty(requestId))
        {
            return await action().ConfigureAwait(false);
        }

        var requests = _agents.GetOrAdd(agentId, static _ => new AgentRequests());
        var key = method + "\n" + requestId;
        var (entry, first) = requests.GetOrAdd(key, time.GetUtcNow());
        if (!first)
        {
            // An id first used for another method's request is the client's mistake; refuse rather than guess.
            return await entry.Outcome.Task.ConfigureAwait(false) as TResponse
                ?? throw RequestGuard.Invalid("request_id was already used for a different request.");
        }

        try
        {
            var response = await action().ConfigureAwait(false);
            entry.Outcome.SetResult(response);
            return response;
        }
        catch (Exception e)
        {
            requests.Forget(key, entry);
            entry.Outcome.SetException(e);
            throw;
        }
    }

    private sealed class Entry(DateTimeOffset at)
    {
        public DateTimeOffset At { get; } = at;

        // Waiters continue on the pool, not inline on the first caller's completion.
        public TaskCompletionSource<object> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One agent's recent request ids, oldest first, under one short lock.</summary>
    private sealed class AgentRequests
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
        private readonly Queue<(string Key, Entry Entry)> _order = new();

        public (Entry Entry, bool First) GetOrAdd(string key, DateTimeOffset now)
        {
            lock (_lock)
            {
                while (_order.TryPeek(out var oldest) && (_order.Count > PerAgentCapacity || now - oldest.Entry.At > Retention))
                {
                    _order.Dequeue();
                    Remove(oldest.Key, oldest.Entry);
                }

                if (_byKey.TryGetValue(key, out var existing))
                {
                    return (existing, false);
                }

                var entry = new Entry(now);
                _byKey[key] = entry;
                _order.Enqueue((key, entry));
                return (entry, true);
            }
        }

        public void Forget(string key, Entry entry)
        {
            lock (_lock)
            {
                Remove(key, entry);
            }
        }

        private void Remove(string key, Entry entry)
        {
            if (_byKey.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
            {
                _byKey.Remove(key);
            }
        }
    }
}

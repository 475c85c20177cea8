using System.Threading.Channels;
using Grpc.Core;
using Inbox.Interactions.Engine;
using Inbox.Interactions.Events;
using Inbox.MediaServer.Grpc.Mapping;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Services;

/// <summary>
/// Writes one agent's subscription to one gRPC response stream and remembers the last sequence the client got, which
/// unlogged events (Heartbeat, StreamReset, SessionEnded) repeat so that resuming from any event received is right.
/// Not thread-safe: one call's loop owns it.
/// </summary>
internal sealed class EventStreamWriter(InboxEngine engine, EventHub events, IServerStreamWriter<V1.Event> response, string agentId, TimeProvider time)
{
    private V1.StreamReset? _resetFirst;

    public string AgentId { get; } = agentId;

    /// <summary>The sequence of the last logged event the client has: where it resumes from.</summary>
    public ulong LastSequence { get; private set; }

    public void StartAfter(ulong sequence) => LastSequence = sequence;

    /// <summary>Sends a StreamReset before anything else (the hub cannot know the epoch the client asked for).</summary>
    public void ResetFirst(V1.StreamResetReason reason, string detail) => _resetFirst = new V1.StreamReset { Reason = reason, Detail = detail };

    /// <summary>
    /// Writes events until the subscription completes (replaced by a newer stream, or cut off for overflow), the session
    /// ends, the server stops or the client goes away; returns why, for the log.
    /// </summary>
    /// <param name="cancellationToken">The call's token: writes use it.</param>
    /// <param name="stopping">The call's token joined with the server's stopping.</param>
    public async Task<string> PumpAsync(EventSubscription subscription, TimeSpan heartbeatInterval, CancellationToken cancellationToken, CancellationToken stopping)
    {
        if (_resetFirst is not null)
        {
            await WriteAsync(new V1.Event { StreamReset = _resetFirst }, cancellationToken).ConfigureAwait(false);
        }

        var reader = subscription.Reader;
        while (true)
        {
            while (reader.TryRead(out var item))
            {
                await WriteAsync(ToProto(item, reader), cancellationToken).ConfigureAwait(false);
                if (item.Payload is SessionEnded)
                {
                    return "the session ended";
                }
            }

            bool more;
            using (var idle = new CancellationTokenSource(heartbeatInterval, time))
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping, idle.Token))
            {
                try
                {
                    more = await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (idle.IsCancellationRequested && !stopping.IsCancellationRequested)
                {
                    await WriteAsync(new V1.Event { Heartbeat = new V1.Heartbeat() }, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    var ended = new V1.SessionEnded { Reason = V1.SessionEndReason.ServerStopping, Detail = "The server is stopping; sign in again once it is back." };
                    await WriteAsync(new V1.Event { SessionEnded = ended }, cancellationToken).ConfigureAwait(false);
                    return "the server is stopping";
                }
            }

            if (!more)
            {
                return subscription.Overflowed ? "the client read too slowly" : "a newer stream of the same agent replaced it";
            }
        }
    }

    private V1.Event ToProto(SequencedEvent item, ChannelReader<SequencedEvent> reader)
    {
        var resetReason = V1.StreamResetReason.Unspecified;
        if (item.Sequence > 0)
        {
            LastSequence = item.Sequence;
        }
        else if (item.Payload is StreamReset)
        {
            // The hub resets a stale resume point to "live from now". Read the latest sequence before peeking: if the
            // next queued event is there it bounds the reset exactly, and if not nothing newer was published.
            resetReason = V1.StreamResetReason.ResumePointExpired;
            var latest = events.LastSequence(AgentId);
            LastSequence = reader.TryPeek(out var next) && next.Sequence > 0 ? next.Sequence - 1 : latest;
        }

        return item.ToProto(LastSequence, events.Epoch, engine, resetReason);
    }

    private Task WriteAsync(V1.Event item, CancellationToken cancellationToken)
    {
        if (item.Epoch.Length == 0)
        {
            item.Epoch = events.Epoch;
            item.Sequence = LastSequence;
            item.At = time.GetUtcNow().ToProto();
        }

        return response.WriteAsync(item, cancellationToken);
    }
}

using Grpc.Core;
using Inbox.Interactions.Engine;
using Inbox.Interactions.Events;
using Inbox.MediaServer.Grpc.Auth;
using Microsoft.Extensions.Options;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Services;

/// <summary>
/// One event stream per agent. The hub fans events into a bounded queue per subscriber; this one loop per call is
/// the only writer to the response. Policy: a reader that lets the queue fill is cut off with RESOURCE_EXHAUSTED and
/// resumes from the last sequence it got (the hub keeps recent events for replay); a silent stream gets a Heartbeat
/// every Api:HeartbeatInterval; SessionEnded is written, then the call completes; a stopping server ends every
/// stream with SessionEnded (SERVER_STOPPING).
/// </summary>
internal sealed class EventsGrpcService(
    InboxEngine engine,
    EventHub events,
    IOptions<ApiOptions> api,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<EventsGrpcService> logger)
    : V1.EventsService.EventsServiceBase
{
    public override async Task WatchEvents(V1.WatchEventsRequest request, IServerStreamWriter<V1.Event> responseStream, ServerCallContext context)
    {
        var agentId = context.Caller().Agent.Id;
        var stream = new EventStreamWriter(engine, events, responseStream, agentId, time);
        var subscription = Subscribe(request, stream);
        GrpcLog.EventStreamOpened(logger, agentId, request.Epoch, request.AfterSequence);
        var reason = "the client went away";
        try
        {
            // Headers go out once the subscription is live, so a client that awaits them knows nothing later is missed.
            await context.WriteResponseHeadersAsync([]).ConfigureAwait(false);
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
            reason = await stream.PumpAsync(subscription, api.Value.HeartbeatInterval, context.CancellationToken, stopping.Token).ConfigureAwait(false);
            if (subscription.Overflowed)
            {
                GrpcLog.EventStreamOverflowed(logger, agentId, stream.LastSequence);
                throw new RpcException(new Status(
                    StatusCode.ResourceExhausted, $"events were not read fast enough; reconnect with after_sequence={stream.LastSequence}"));
            }
        }
        finally
        {
            events.Unsubscribe(agentId, subscription);
            GrpcLog.EventStreamClosed(logger, agentId, stream.LastSequence, reason);
        }
    }

    /// <summary>
    /// Opens the hub subscription where the request asks: live (no epoch), after a sequence of this server run, or
    /// live after a StreamReset when the epoch is another run's.
    /// </summary>
    private EventSubscription Subscribe(V1.WatchEventsRequest request, EventStreamWriter stream)
    {
        if (request.Epoch.Length > 0 && request.Epoch == events.Epoch)
        {
            stream.StartAfter(request.AfterSequence);
            return events.Subscribe(stream.AgentId, request.Epoch, request.AfterSequence);
        }

        // Reading the latest sequence first is safe: anything published after it is replayed by Subscribe.
        var latest = events.LastSequence(stream.AgentId);
        stream.StartAfter(latest);
        if (request.Epoch.Length > 0)
        {
            stream.ResetFirst(V1.StreamResetReason.EpochChanged, "The server restarted since that epoch: reload your lists, then follow this stream.");
        }

        return events.Subscribe(stream.AgentId, events.Epoch, latest);
    }
}

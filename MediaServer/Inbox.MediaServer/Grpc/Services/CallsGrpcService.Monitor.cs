using Grpc.Core;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Interactions;
using Inbox.MediaServer.Grpc.Mapping;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Services;

/// <summary>
/// Supervisors listening in on calls. Starting rings his phone, so a retry is answered from the request cache; the
/// inbox decides who may (supervisors and admins), call control does it.
/// </summary>
internal sealed partial class CallsGrpcService
{
    public override Task<V1.CallResponse> Monitor(V1.MonitorRequest request, ServerCallContext context) =>
        RunAsSupervisorAsync(context, request.RequestId, request.InteractionId, calls.MonitorAsync);

    public override Task<V1.CallResponse> Whisper(V1.WhisperRequest request, ServerCallContext context) =>
        RunAsSupervisorAsync(context, request.RequestId, request.InteractionId, calls.WhisperAsync);

    public override Task<V1.CallResponse> BargeIn(V1.BargeInRequest request, ServerCallContext context) =>
        RunAsSupervisorAsync(context, request.RequestId, request.InteractionId, calls.BargeInAsync);

    public override Task<V1.CallResponse> StopMonitoring(V1.StopMonitoringRequest request, ServerCallContext context) =>
        RunAsSupervisorAsync(context, request.RequestId, request.InteractionId, calls.StopMonitoringAsync);

    private Task<V1.CallResponse> RunAsSupervisorAsync(
        ServerCallContext context, string requestId, string interactionId, Func<Interaction, Agent, Task<CallView>> command)
    {
        var id = RequestGuard.Required(interactionId, "interaction_id");
        return requests.RunOnceAsync(context, requestId, async caller =>
        {
            var interaction = await engine.RequireCallToMonitorAsync(caller.Agent, id, context.CancellationToken).ConfigureAwait(false);
            return new V1.CallResponse { Call = (await command(interaction, caller.Agent).ConfigureAwait(false)).ToProto() };
        });
    }
}

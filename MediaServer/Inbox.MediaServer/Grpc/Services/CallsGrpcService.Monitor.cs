using Grpc.Core;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Services;

/// <summary>
/// Supervisors listening in on calls. Starting rings his phone, so a retry is answered from the request cache; the
/// inbox decides who may (supervisors and admins), call control does it.
/// </summary>
internal sealed partial class CallsGrpcService
{
    public override Task<V1.CallResponse> Monitor(V1.MonitorRequest request, ServerCallContext context) =>
        RunOnceAsync(context, request.RequestId, request.InteractionId, engine.RequireCallToMonitorAsync, calls.MonitorAsync);

    public override Task<V1.CallResponse> Whisper(V1.WhisperRequest request, ServerCallContext context) =>
        RunOnceAsync(context, request.RequestId, request.InteractionId, engine.RequireCallToMonitorAsync, calls.WhisperAsync);

    public override Task<V1.CallResponse> BargeIn(V1.BargeInRequest request, ServerCallContext context) =>
        RunOnceAsync(context, request.RequestId, request.InteractionId, engine.RequireCallToMonitorAsync, calls.BargeInAsync);

    public override Task<V1.CallResponse> StopMonitoring(V1.StopMonitoringRequest request, ServerCallContext context) =>
        RunOnceAsync(context, request.RequestId, request.InteractionId, engine.RequireCallToMonitorAsync, calls.StopMonitoringAsync);
}

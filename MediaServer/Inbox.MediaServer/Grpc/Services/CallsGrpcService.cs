using Grpc.Core;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Engine;
using Inbox.Interactions.Interactions;
using Inbox.MediaServer.Grpc.Auth;
using Inbox.MediaServer.Grpc.Idempotency;
using Inbox.MediaServer.Grpc.Mapping;
using Inbox.Telephony.Calls;
using Inbox.Telephony.Legs;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Services;

/// <summary>
/// Calls: the inbox decides who may act on an interaction's call, call control acts on it. Mute and hold set a state,
/// so repeating one is harmless and they need no request_id; transfers move the call, so a retry is answered from
/// the request cache. SendDtmf is not idempotent (repeating it sends the digits again) and, as the proto has it,
/// carries no request_id: the UI sends each key press once.
/// </summary>
internal sealed partial class CallsGrpcService(InboxEngine engine, CallControl calls, ConferenceControl conferences, RequestCache requests) : V1.CallsService.CallsServiceBase
{
    public override Task<V1.CallResponse> GetCall(V1.GetCallRequest request, ServerCallContext context) =>
        RunAsync(context, request.InteractionId, calls.GetAsync);

    public override Task<V1.CallResponse> HangUp(V1.HangUpRequest request, ServerCallContext context) =>
        RunAsync(context, request.InteractionId, calls.HangUpAsync);

    public override Task<V1.CallResponse> SetMute(V1.SetMuteRequest request, ServerCallContext context) =>
        RunAsync(context, request.InteractionId, interaction => calls.SetMuteAsync(interaction, request.Muted));

    public override Task<V1.CallResponse> SetRecordingPaused(V1.SetRecordingPausedRequest request, ServerCallContext context) =>
        RunAsync(context, request.InteractionId, interaction => calls.SetRecordingPausedAsync(interaction, request.Paused, context.Caller().Agent.Id));

    public override Task<V1.CallResponse> Hold(V1.HoldRequest request, ServerCallContext context) =>
        RunAsync(context, request.InteractionId, interaction => calls.SetHoldAsync(interaction, onHold: true));

    public override Task<V1.CallResponse> Resume(V1.ResumeRequest request, ServerCallContext context) =>
        RunAsync(context, request.InteractionId, interaction => calls.SetHoldAsync(interaction, onHold: false));

    public override Task<V1.CallResponse> Park(V1.ParkRequest request, ServerCallContext context) =>
        RunAsync(context, request.InteractionId, calls.ParkAsync);

    /// <summary>Any member of the call's campaign may retrieve it, not only its agent: visible is enough here.</summary>
    public override async Task<V1.CallResponse> Retrieve(V1.RetrieveRequest request, ServerCallContext context)
    {
        var id = RequestGuard.Required(request.InteractionId, "interaction_id");
        var caller = context.Caller().Agent;
        var interaction = await engine.GetAsync(caller, id, context.CancellationToken).ConfigureAwait(false);
        return new V1.CallResponse { Call = (await calls.RetrieveAsync(interaction, caller).ConfigureAwait(false)).ToProto() };
    }

    public override Task<V1.ListParkedResponse> ListParked(V1.ListParkedRequest request, ServerCallContext context)
    {
        var response = new V1.ListParkedResponse();
        response.Calls.Add(calls.ListParked(context.Caller().Agent).Select(CallMapper.ToProto));
        return Task.FromResult(response);
    }

    public override Task<V1.CallResponse> Transfer(V1.TransferCallRequest request, ServerCallContext context)
    {
        var mode = request.Mode switch
        {
            V1.TransferMode.Blind => TransferMode.Blind,
            V1.TransferMode.Attended => TransferMode.Attended,
            V1.TransferMode.Unspecified => throw RequestGuard.Invalid("mode is required: BLIND or ATTENDED."),
            _ => throw RequestGuard.Invalid($"mode ({(int)request.Mode}) is not a known transfer mode."),
        };
        Func<Interaction, string, Task<CallView>> transfer = request.TargetCase switch
        {
            V1.TransferCallRequest.TargetOneofCase.AgentId => (interaction, agentId) =>
                calls.TransferAsync(interaction, agentId, mode, TransferTargetKind.Agent, RequestGuard.Required(request.AgentId, "agent_id")),
            V1.TransferCallRequest.TargetOneofCase.CampaignId => (interaction, agentId) =>
                calls.TransferAsync(interaction, agentId, mode, TransferTargetKind.Campaign, RequestGuard.Required(request.CampaignId, "campaign_id")),
            V1.TransferCallRequest.TargetOneofCase.ExternalNumber => (interaction, agentId) =>
                calls.TransferToNumberAsync(interaction, agentId, mode, RequestGuard.Required(request.ExternalNumber, "external_number")),
            _ => throw RequestGuard.Invalid("A target is required: agent_id, campaign_id or external_number."),
        };
        return RunOnceAsync(context, request.RequestId, request.InteractionId, transfer);
    }

    public override Task<V1.CallResponse> CompleteTransfer(V1.CompleteTransferRequest request, ServerCallContext context) =>
        RunOnceAsync(context, request.RequestId, request.InteractionId, calls.CompleteTransferAsync);

    public override Task<V1.CallResponse> CancelTransfer(V1.CancelCallTransferRequest request, ServerCallContext context) =>
        RunOnceAsync(context, request.RequestId, request.InteractionId, calls.CancelTransferAsync);

    public override Task<V1.CallResponse> SendDtmf(V1.SendDtmfRequest request, ServerCallContext context)
    {
        // Bad digits are the request's fault whatever the call's state, so they are refused first.
        DtmfDigits.Validate(request.Digits);
        return RunAsync(context, request.InteractionId, interaction => calls.SendDtmfAsync(interaction, request.Digits));
    }

    private async Task<V1.CallResponse> RunAsync(ServerCallContext context, string interactionId, Func<Interaction, Task<CallView>> command)
    {
        var id = RequestGuard.Required(interactionId, "interaction_id");
        var interaction = await engine.RequireCallAsync(context.Caller().Agent, id, context.CancellationToken).ConfigureAwait(false);
        return new V1.CallResponse { Call = (await command(interaction).ConfigureAwait(false)).ToProto() };
    }

    // A command that moves the call, on behalf of the caller (the agent, or a supervisor acting for her).
    private Task<V1.CallResponse> RunOnceAsync(
        ServerCallContext context, string requestId, string interactionId, Func<Interaction, string, Task<CallView>> command) =>
        RunOnceAsync(context, requestId, interactionId, engine.RequireCallAsync, (interaction, caller) => command(interaction, caller.Id));

    // Answered once per request id: the inbox finds the call and says whether the caller may (require), call control acts.
    private Task<V1.CallResponse> RunOnceAsync(
        ServerCallContext context,
        string requestId,
        string interactionId,
        Func<Agent, string, CancellationToken, Task<Interaction>> require,
        Func<Interaction, Agent, Task<CallView>> command)
    {
        var id = RequestGuard.Required(interactionId, "interaction_id");
        return requests.RunOnceAsync(context, requestId, async caller =>
        {
            var interaction = await require(caller.Agent, id, context.CancellationToken).ConfigureAwait(false);
            return new V1.CallResponse { Call = (await command(interaction, caller.Agent).ConfigureAwait(false)).ToProto() };
        });
    }
}

using Grpc.Core;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Interactions;
using Inbox.MediaServer.Grpc.Auth;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Services;

/// <summary>Conference calls: add, remove, leave. Each moves the call, so a retry is answered from the request cache.</summary>
internal sealed partial class CallsGrpcService
{
    public override Task<V1.CallResponse> AddParticipant(V1.AddParticipantRequest request, ServerCallContext context)
    {
        Func<Interaction, string, Task<CallView>> add = request.TargetCase switch
        {
            V1.AddParticipantRequest.TargetOneofCase.AgentId => (interaction, _) =>
                conferences.AddAgentAsync(interaction, RequestGuard.Required(request.AgentId, "agent_id")),
            V1.AddParticipantRequest.TargetOneofCase.CampaignId => (interaction, _) =>
                conferences.AddCampaignAsync(interaction, context.Caller().Agent, RequestGuard.Required(request.CampaignId, "campaign_id"), context.CancellationToken),
            V1.AddParticipantRequest.TargetOneofCase.Number => (interaction, _) =>
                conferences.AddNumberAsync(interaction, RequestGuard.Required(request.Number, "number")),
            _ => throw RequestGuard.Invalid("A participant is required: agent_id, campaign_id or number."),
        };
        return RunOnceAsync(context, request.RequestId, request.InteractionId, add);
    }

    public override Task<V1.CallResponse> RemoveParticipant(V1.RemoveParticipantRequest request, ServerCallContext context)
    {
        var participantId = RequestGuard.Required(request.ParticipantId, "participant_id");
        return RunOnceAsync(context, request.RequestId, request.InteractionId, (interaction, _) => conferences.RemoveAsync(interaction, participantId));
    }

    public override Task<V1.CallResponse> LeaveConference(V1.LeaveConferenceRequest request, ServerCallContext context) =>
        RunOnceAsync(context, request.RequestId, request.InteractionId, (interaction, _) => conferences.LeaveAsync(interaction));
}

using Grpc.Core;
using Inbox.Interactions.Engine;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Storage;
using Inbox.MediaServer.Grpc.Auth;
using Inbox.MediaServer.Grpc.Idempotency;
using Inbox.MediaServer.Grpc.Mapping;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Services;

/// <summary>Interactions: the reads here, the commands in the .Commands partial.</summary>
internal sealed partial class InteractionsGrpcService(InboxEngine engine, RequestCache requests) : V1.InteractionsService.InteractionsServiceBase
{
    public override async Task<V1.ListPendingResponse> ListPending(V1.ListPendingRequest request, ServerCallContext context)
    {
        var channel = request.Channel.ToDomainFilter("channel");
        var campaignId = request.CampaignId.Length == 0 ? null : request.CampaignId;
        var pending = await engine.ListPendingAsync(context.Caller().Agent, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.ListPendingResponse();
        response.Interactions.Add(pending
            .Where(i => (channel is null || i.Channel == channel) && (campaignId is null || i.CampaignId == campaignId))
            .Select(Map));
        return response;
    }

    public override async Task<V1.ListActiveResponse> ListActive(V1.ListActiveRequest request, ServerCallContext context)
    {
        var active = await engine.ListActiveAsync(context.Caller().Agent, request.AllAgents, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.ListActiveResponse();
        response.Interactions.Add(active.Select(Map));
        return response;
    }

    public override async Task<V1.GetInteractionResponse> GetInteraction(V1.GetInteractionRequest request, ServerCallContext context)
    {
        var id = RequestGuard.Required(request.InteractionId, "interaction_id");
        var interaction = await engine.GetAsync(context.Caller().Agent, id, context.CancellationToken).ConfigureAwait(false);
        return new V1.GetInteractionResponse { Interaction = Map(interaction) };
    }

    public override async Task<V1.ListMessagesResponse> ListMessages(V1.ListMessagesRequest request, ServerCallContext context)
    {
        var id = RequestGuard.Required(request.InteractionId, "interaction_id");
        var messages = await engine.ListMessagesAsync(context.Caller().Agent, id, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.ListMessagesResponse();
        response.Messages.Add(messages.Select(MessageMapper.ToProto));
        return response;
    }

    public override async Task<V1.GetAttachmentResponse> GetAttachment(V1.GetAttachmentRequest request, ServerCallContext context)
    {
        var path = RequestGuard.Required(request.DownloadPath, "download_path");
        var (fileName, mediaType, content) = await engine.ReadAttachmentAsync(context.Caller().Agent, path, context.CancellationToken).ConfigureAwait(false);
        return new V1.GetAttachmentResponse { FileName = fileName, MediaType = mediaType, Content = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(content) };
    }

    /// <summary>Newest first, one page at a time; a full page carries where the next one starts.</summary>
    public override async Task<V1.HistoryResponse> History(V1.HistoryRequest request, ServerCallContext context)
    {
        var limit = RequestGuard.PageSize(request.Limit, "limit");
        var query = new InteractionQuery(
            AgentId: request.AgentId.Length == 0 ? null : request.AgentId,
            CampaignIds: request.CampaignId.Length == 0 ? null : [request.CampaignId],
            Channel: request.Channel.ToDomainFilter("channel"),
            CustomerAddress: request.CustomerAddress.Length == 0 ? null : request.CustomerAddress,
            State: request.State.ToDomainFilter("state"),
            CreatedBefore: request.CreatedBefore.ToDomain("created_before"),
            Limit: limit);
        var page = await engine.HistoryAsync(context.Caller().Agent, query, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.HistoryResponse();
        response.Interactions.Add(page.Select(Map));
        if (page.Count == limit)
        {
            response.NextCreatedBefore = page[^1].CreatedAt.ToProto();
        }

        return response;
    }

    private V1.Interaction Map(Interaction interaction) => interaction.ToProto(engine.FormUrlOf(interaction));
}

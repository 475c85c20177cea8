using Grpc.Core;
using Inbox.Interactions.Interactions;
using Inbox.MediaServer.Grpc.Auth;
using Inbox.MediaServer.Grpc.Mapping;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Services;

/// <summary>Interactions: commands, each idempotent by its request_id.</summary>
internal sealed partial class InteractionsGrpcService
{
    public override Task<V1.StartInteractionResponse> StartInteraction(V1.StartInteractionRequest request, ServerCallContext context)
    {
        var start = new StartRequest(
            request.Channel.ToDomain("channel"),
            RequestGuard.Required(request.CampaignId, "campaign_id"),
            RequestGuard.Required(request.CustomerAddress, "customer_address"),
            request.CustomerName.Length == 0 ? null : request.CustomerName,
            request.FirstMessage?.ToDraft("first_message"));
        return requests.RunOnceAsync(context, request.RequestId, async caller =>
        {
            var (interaction, first) = await engine.StartAsync(caller.Agent, start, context.CancellationToken).ConfigureAwait(false);
            return new V1.StartInteractionResponse { Interaction = Map(interaction), FirstMessage = first?.ToProto() };
        });
    }

    public override Task<V1.TakeResponse> Take(V1.TakeRequest request, ServerCallContext context)
    {
        var id = RequestGuard.Required(request.InteractionId, "interaction_id");
        return requests.RunOnceAsync(context, request.RequestId, async caller =>
            new V1.TakeResponse { Interaction = Map(await engine.TakeAsync(caller.Agent, id, context.CancellationToken).ConfigureAwait(false)) });
    }

    public override Task<V1.AcceptOfferResponse> AcceptOffer(V1.AcceptOfferRequest request, ServerCallContext context)
    {
        var id = RequestGuard.Required(request.InteractionId, "interaction_id");
        return requests.RunOnceAsync(context, request.RequestId, async caller =>
            new V1.AcceptOfferResponse { Interaction = Map(await engine.AcceptOfferAsync(caller.Agent, id, context.CancellationToken).ConfigureAwait(false)) });
    }

    public override Task<V1.RejectOfferResponse> RejectOffer(V1.RejectOfferRequest request, ServerCallContext context)
    {
        var id = RequestGuard.Required(request.InteractionId, "interaction_id");
        return requests.RunOnceAsync(context, request.RequestId, async caller =>
            new V1.RejectOfferResponse { Interaction = Map(await engine.RejectOfferAsync(caller.Agent, id, context.CancellationToken).ConfigureAwait(false)) });
    }

    public override Task<V1.SendMessageResponse> SendMessage(V1.SendMessageRequest request, ServerCallContext context)
    {
        var id = RequestGuard.Required(request.InteractionId, "interaction_id");
        var draft = (request.Message ?? throw RequestGuard.Invalid("message is required.")).ToDraft("message");
        return requests.RunOnceAsync(context, request.RequestId, async caller =>
            new V1.SendMessageResponse { Message = (await engine.SendMessageAsync(caller.Agent, id, draft, context.CancellationToken).ConfigureAwait(false)).ToProto() });
    }

    /// <summary>Not idempotent by request_id: typing changes nothing, and keeping an answer per keystroke would only fill the cache.</summary>
    public override async Task<V1.SendTypingResponse> SendTyping(V1.SendTypingRequest request, ServerCallContext context)
    {
        var id = RequestGuard.Required(request.InteractionId, "interaction_id");
        await engine.AgentTypingAsync(context.Caller().Agent, id, context.CancellationToken).ConfigureAwait(false);
        return new V1.SendTypingResponse();
    }

    public override Task<V1.TransferResponse> Transfer(V1.TransferRequest request, ServerCallContext context)
    {
        var id = RequestGuard.Required(request.InteractionId, "interaction_id");
        var kind = request.TargetKind.ToDomain("target_kind");
        var target = RequestGuard.Required(request.TargetId, "target_id");
        return requests.RunOnceAsync(context, request.RequestId, async caller =>
            new V1.TransferResponse { Interaction = Map(await engine.TransferAsync(caller.Agent, id, kind, target, context.CancellationToken).ConfigureAwait(false)) });
    }

    public override Task<V1.CancelTransferResponse> CancelTransfer(V1.CancelTransferRequest request, ServerCallContext context)
    {
        var id = RequestGuard.Required(request.InteractionId, "interaction_id");
        return requests.RunOnceAsync(context, request.RequestId, async caller =>
            new V1.CancelTransferResponse { Interaction = Map(await engine.CancelTransferAsync(caller.Agent, id, context.CancellationToken).ConfigureAwait(false)) });
    }

    public override Task<V1.FinalizeResponse> Finalize(V1.FinalizeRequest request, ServerCallContext context)
    {
        var id = RequestGuard.Required(request.InteractionId, "interaction_id");
        return requests.RunOnceAsync(context, request.RequestId, async caller =>
            new V1.FinalizeResponse { Interaction = Map(await engine.FinalizeAsync(caller.Agent, id, context.CancellationToken).ConfigureAwait(false)) });
    }

    public override Task<V1.SetDispositionResponse> SetDisposition(V1.SetDispositionRequest request, ServerCallContext context)
    {
        var id = RequestGuard.Required(request.InteractionId, "interaction_id");
        var disposition = RequestGuard.Required(request.Disposition, "disposition");
        return requests.RunOnceAsync(context, request.RequestId, async caller =>
            new V1.SetDispositionResponse { Interaction = Map(await engine.SetDispositionAsync(caller.Agent, id, disposition, context.CancellationToken).ConfigureAwait(false)) });
    }

    public override Task<V1.CloseResponse> Close(V1.CloseRequest request, ServerCallContext context)
    {
        var id = RequestGuard.Required(request.InteractionId, "interaction_id");
        var disposition = request.Disposition.Length == 0 ? null : request.Disposition;
        return requests.RunOnceAsync(context, request.RequestId, async caller =>
            new V1.CloseResponse { Interaction = Map(await engine.CloseAsync(caller.Agent, id, disposition, context.CancellationToken).ConfigureAwait(false)) });
    }
}

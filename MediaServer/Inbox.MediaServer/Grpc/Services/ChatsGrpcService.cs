using Grpc.Core;
using Inbox.Interactions.Engine;
using Inbox.Interactions.Messages;
using Inbox.MediaServer.Grpc.Auth;
using Inbox.MediaServer.Grpc.Idempotency;
using Inbox.MediaServer.Grpc.Mapping;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Services;

/// <summary>Internal chats: agent to agent, and campaign rooms.</summary>
internal sealed class ChatsGrpcService(InboxEngine engine, RequestCache requests) : V1.ChatsService.ChatsServiceBase
{
    public override Task<V1.OpenChatResponse> OpenChat(V1.OpenChatRequest request, ServerCallContext context)
    {
        var (agentId, campaignId) = request.TargetCase switch
        {
            V1.OpenChatRequest.TargetOneofCase.AgentId => (RequestGuard.Required(request.AgentId, "agent_id"), (string?)null),
            V1.OpenChatRequest.TargetOneofCase.CampaignId => (null, RequestGuard.Required(request.CampaignId, "campaign_id")),
            _ => throw RequestGuard.Invalid("agent_id or campaign_id is required."),
        };
        return requests.RunOnceAsync(context, request.RequestId, async caller =>
            new V1.OpenChatResponse { Chat = (await engine.OpenChatAsync(caller.Agent, agentId, campaignId, context.CancellationToken).ConfigureAwait(false)).ToProto() });
    }

    public override async Task<V1.ListChatsResponse> ListChats(V1.ListChatsRequest request, ServerCallContext context)
    {
        var chats = await engine.ListChatsAsync(context.Caller().Agent, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.ListChatsResponse();
        response.Chats.Add(chats.Select(MessageMapper.ToProto));
        return response;
    }

    public override Task<V1.SendChatMessageResponse> SendChatMessage(V1.SendChatMessageRequest request, ServerCallContext context)
    {
        var chatId = RequestGuard.Required(request.ChatId, "chat_id");
        var draft = new MessageDraft(request.Text, request.Attachments.ToUploads("attachments"));
        return requests.RunOnceAsync(context, request.RequestId, async caller =>
            new V1.SendChatMessageResponse { Message = (await engine.SendChatMessageAsync(caller.Agent, chatId, draft, context.CancellationToken).ConfigureAwait(false)).ToProto() });
    }

    public override async Task<V1.ListChatMessagesResponse> ListChatMessages(V1.ListChatMessagesRequest request, ServerCallContext context)
    {
        var chatId = RequestGuard.Required(request.ChatId, "chat_id");
        var limit = RequestGuard.PageSize(request.Limit, "limit");
        var before = request.Before.ToDomain("before");
        var messages = await engine.ListChatMessagesAsync(context.Caller().Agent, chatId, before, limit, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.ListChatMessagesResponse();
        response.Messages.Add(messages.Select(MessageMapper.ToProto));
        return response;
    }
}

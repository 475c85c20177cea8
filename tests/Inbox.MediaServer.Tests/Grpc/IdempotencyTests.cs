using Google.Protobuf;
using Grpc.Core;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Grpc;

/// <summary>A retried command with the same request_id returns the first outcome instead of acting twice.</summary>
public sealed class IdempotencyTests
{
    [Fact]
    public async Task Take_RetriedWithSameRequestId_ReturnsTheFirstResponse()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var id = await server.CustomerWritesAsync("+5511999990041", "Hello");

        var first = await ana.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "take-1", InteractionId = id }, ana.Auth);
        var retry = await ana.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "take-1", InteractionId = id }, ana.Auth);
        var fresh = await Assert.ThrowsAsync<RpcException>(async () =>
            await ana.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "take-2", InteractionId = id }, ana.Auth));

        Assert.Equal(first, retry);
        Assert.Equal(StatusCode.FailedPrecondition, fresh.StatusCode);
        Assert.Contains("only a pending one can be taken", fresh.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_RetriedConcurrentlyWithSameRequestId_SendsOnce()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var id = await server.CustomerWritesAsync("+5511999990042", "Hello");
        await ana.Interactions.TakeAsync(new V1.TakeRequest { InteractionId = id }, ana.Auth);
        var message = new V1.OutgoingMessage { Text = "Only once, please" };
        message.Attachments.Add(new V1.AttachmentUpload { FileName = "note.txt", Content = ByteString.CopyFromUtf8("A note.\n") });
        var request = new V1.SendMessageRequest { RequestId = "send-1", InteractionId = id, Message = message };

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ana.Interactions.SendMessageAsync(request, ana.Auth).ResponseAsync));

        Assert.Single(responses.Select(r => r.Message.Id).Distinct());
        var messages = await ana.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = id }, ana.Auth);
        Assert.Single(messages.Messages, m => m.Direction == V1.MessageDirection.Outbound);
    }

    [Fact]
    public async Task SignIn_RetriedWithSameRequestId_ReturnsTheSameSessionButOnlyWithTheRightKey()
    {
        await using var server = await ApiServer.StartAsync();
        var agents = server.Agent("ana").Agents;
        var request = new V1.SignInRequest { RequestId = "sign-in-1", AgentId = "ana", ApiKey = "key-ana" };

        var first = await agents.SignInAsync(request, AgentApi.Anonymous);
        var retry = await agents.SignInAsync(request, AgentApi.Anonymous);
        var wrongKey = await Assert.ThrowsAsync<RpcException>(async () =>
            await agents.SignInAsync(new V1.SignInRequest { RequestId = "sign-in-1", AgentId = "ana", ApiKey = "guess" }, AgentApi.Anonymous));

        Assert.Equal(first.SessionToken, retry.SessionToken);
        Assert.Equal(StatusCode.PermissionDenied, wrongKey.StatusCode);
    }
}

using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Grpc.Core;
using Inbox.Interactions.Channels;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Grpc;

/// <summary>SendTyping's refusals, each with the status an agent's UI acts on; what the customer sees is in the web chat's tests.</summary>
public sealed class TypingApiTests
{
    [Fact]
    public async Task SendTyping_RefusedRequests_StatusSaysWhy()
    {
        await using var server = await ApiServer.StartAsync(settings =>
            settings["Campaigns"]![0]!["Channels"]!.AsArray().Add(new JsonObject { ["Kind"] = "Email" }));
        var ana = await server.Agent("ana").SignInAsync();
        var bruno = await server.Agent("bruno").SignInAsync();
        var whatsApp = await server.CustomerWritesAsync("+5511999990001", "Hello");
        var email = (await server.Engine.ReceiveMessageAsync(
            new InboundMessage(ChannelKind.Email, "support", "joao@example.com", "João", "My invoice", "<m1@example.com>", ImmutableArray<AttachmentUpload>.Empty, Subject: "Invoice"),
            TestContext.Current.CancellationToken)).InteractionId;
        foreach (var id in (string[])[whatsApp, email])
        {
            await ana.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "t-" + id, InteractionId = id }, ana.Auth);
        }

        var missingId = await TypeAsync(ana, "");
        var unknown = await TypeAsync(ana, "no-such-interaction");
        var notHers = await TypeAsync(bruno, whatsApp);
        var noTypingOnWhatsApp = await TypeAsync(ana, whatsApp);
        var noTypingOnEmail = await TypeAsync(ana, email);

        Assert.Equal(StatusCode.InvalidArgument, missingId);
        Assert.Equal(StatusCode.NotFound, unknown);
        Assert.Equal(StatusCode.PermissionDenied, notHers);
        Assert.Equal(StatusCode.FailedPrecondition, noTypingOnWhatsApp);
        Assert.Equal(StatusCode.FailedPrecondition, noTypingOnEmail);
    }

    private static async Task<StatusCode> TypeAsync(AgentApi agent, string interactionId) =>
        (await Assert.ThrowsAsync<RpcException>(async () =>
            await agent.Interactions.SendTypingAsync(new V1.SendTypingRequest { InteractionId = interactionId }, agent.Auth))).StatusCode;
}

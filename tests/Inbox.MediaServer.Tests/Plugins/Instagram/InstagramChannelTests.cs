using System.Net;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Inbox.MediaServer.Tests.Plugins.Meta;
using static Inbox.MediaServer.Tests.Plugins.Meta.MessagingPayloads;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins.Instagram;

/// <summary>
/// The Instagram plugin loaded by the real server, against a Send API stub: direct messages to the professional
/// account join the configured campaign, replies leave as the documented JSON and reads (which name the message)
/// mark them read; forged webhooks and other accounts' events store nothing; files Instagram cannot carry are refused.
/// </summary>
public sealed class InstagramChannelTests : MetaPluginTests
{
    private const string AccountId = "17841405793187218";
    private const string Customer = "1254459154682919";

    // New conversations join "sales" by the channel's Campaign setting, not as the first campaign taking Instagram.
    internal override Task<MetaPluginServer> StartAsync() =>
        MetaPluginServer.StartAsync("instagram", ("AccountId", AccountId), settings =>
        {
            settings["Campaigns"]![0]!["Channels"]!.AsArray().Add(new JsonObject { ["Kind"] = "Instagram" });
            settings["Campaigns"]![1]!["Channels"]!.AsArray().Add(new JsonObject { ["Kind"] = "Instagram" });
            settings["Channels"]!["instagram"]!["Campaign"] = "sales";
        });

    [Fact]
    public async Task InboundThenReplyThenSeen_TheReplyIsRead()
    {
        var carla = await Channel.Server.Agent("carla").SignInAsync("key-carla");

        var inbound = await Channel.PostAsync(Batch("instagram", AccountId, Now, Message(Customer, AccountId, Now, "aWdfZAG1faXRlbToxOklHTWVzc2FnZAU", "Do you ship to Porto?")));
        var pending = Assert.Single((await carla.Interactions.ListPendingAsync(new V1.ListPendingRequest(), carla.Auth)).Interactions);
        await carla.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "take", InteractionId = pending.Id }, carla.Auth);
        var reply = await carla.Interactions.SendMessageAsync(
            new V1.SendMessageRequest { RequestId = "r1", InteractionId = pending.Id, Message = new V1.OutgoingMessage { Text = "We do, in two days." } }, carla.Auth);
        var sent = await MetaPluginServer.SentAsync(carla, pending.Id, reply.Message.Id);
        var seen = await Channel.PostAsync(Batch("instagram", AccountId, Now, Seen(Customer, AccountId, Now, sent.ProviderMessageId)));
        var read = await MetaPluginServer.MessageAsync(carla, pending.Id, reply.Message.Id);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (inbound, seen));
        Assert.Equal((V1.ChannelKind.Instagram, Customer, "sales"), (pending.Channel, pending.CustomerAddress, pending.CampaignId));
        Assert.Equal(V1.MessageStatus.Read, read.Status);
        var call = Channel.Graph.Sends.Single();
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse($$$"""{"recipient":{"id":"{{{Customer}}}"},"messaging_type":"RESPONSE","message":{"text":"We do, in two days."}}"""), call.Json),
            call.Json?.ToJsonString());
    }

    [Fact]
    public async Task Webhook_ForgedOrForAnotherAccount_StoresNothing()
    {
        var carla = await Channel.Server.Agent("carla").SignInAsync("key-carla");
        var batch = Batch("instagram", AccountId, Now, Message(Customer, AccountId, Now, "mid-forged", "Click this link"));
        var otherAccount = Batch("instagram", "17841400000000001", Now, Message(Customer, "17841400000000001", Now, "mid-other", "Not for you"));

        var forged = await FakeGraphApi.PostWebhookAsync(
            Channel.Server.WebAddress, "instagram", batch.ToJsonString(), FakeGraphApi.Sign("{}"u8.ToArray()));
        var elsewhere = await Channel.PostAsync(otherAccount);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (forged, elsewhere));
        Assert.Empty((await carla.Interactions.ListPendingAsync(new V1.ListPendingRequest(), carla.Auth)).Interactions);
    }

    [Fact]
    public async Task PlainTextFile_IsRefusedAtSend_InstagramTakesOnlyPdfDocuments()
    {
        var (carla, interactionId) = await CustomerWritesThenTakenByAsync(
            "carla", Batch("instagram", AccountId, Now, Message(Customer, AccountId, Now, "mid-1", "The size chart?")));

        var reply = await carla.Interactions.SendMessageAsync(new V1.SendMessageRequest
        {
            RequestId = "r1",
            InteractionId = interactionId,
            Message = new V1.OutgoingMessage { Attachments = { new V1.AttachmentUpload { FileName = "sizes.txt", Content = ByteString.CopyFromUtf8("S M L XL") } } },
        }, carla.Auth);
        V1.Message? failed = null;
        await MetaPluginServer.Until(
            async () => (failed = await MetaPluginServer.MessageAsync(carla, interactionId, reply.Message.Id)).Status != V1.MessageStatus.Sending, "the send");

        Assert.Equal((V1.MessageStatus.Failed, "unsupported_file"), (failed!.Status, failed.FailureCode));
        Assert.Contains("text/plain", failed.FailureReason, StringComparison.Ordinal);
        Assert.Empty(Channel.Graph.Sends);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Inbox.Interactions.Engine;
using Inbox.MediaServer.Tests.Plugins.Meta;
using static Inbox.MediaServer.Tests.Plugins.Meta.MessagingPayloads;
using RpcException = Grpc.Core.RpcException;
using StatusCode = Grpc.Core.StatusCode;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins.Messenger;

/// <summary>
/// The Messenger plugin loaded by the real server, against a Send API stub: a Page's signed webhooks come in as
/// interactions with their attachments, replies leave as the documented JSON (files as multipart uploads), echoes
/// are ignored, and deliveries and reads (a watermark time, naming no message) move the replies forward.
/// </summary>
public sealed class MessengerChannelTests : MetaPluginTests
{
    private const string PageId = "104445772518111";
    private const string Customer = "6839249752803214";

    internal override Task<MetaPluginServer> StartAsync() =>
        MetaPluginServer.StartAsync("messenger", ("PageId", PageId), settings =>
            settings["Campaigns"]![0]!["Channels"]!.AsArray().Add(new JsonObject { ["Kind"] = "Messenger" }));

    [Fact]
    public async Task InboundWithImage_Reply_Echo_Delivery_TravelAsTheSendApiDocuments()
    {
        var ana = await Channel.Server.Agent("ana").SignInAsync();
        var photo = Channel.Graph.AddCdnFile("467209542_n.png", TinyFiles.Png, "image/png");

        var inbound = await Channel.PostAsync(Batch("page", PageId, Now, Message(Customer, PageId, Now, "m_in1", "Is this in stock?", Attachment("image", photo))));
        var pending = Assert.Single((await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest(), ana.Auth)).Interactions);
        var question = Assert.Single((await ana.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = pending.Id }, ana.Auth)).Messages);
        var picture = await ana.Interactions.GetAttachmentAsync(new V1.GetAttachmentRequest { DownloadPath = Assert.Single(question.Attachments).DownloadPath }, ana.Auth);
        await ana.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "take", InteractionId = pending.Id }, ana.Auth);
        var reply = await ana.Interactions.SendMessageAsync(
            new V1.SendMessageRequest { RequestId = "r1", InteractionId = pending.Id, Message = new V1.OutgoingMessage { Text = "Yes, two left." } }, ana.Auth);
        var sent = await MetaPluginServer.SentAsync(ana, pending.Id, reply.Message.Id);
        var echo = await Channel.PostAsync(Batch("page", PageId, Now, Echo(PageId, Customer, Now, sent.ProviderMessageId, "Yes, two left.")));
        var delivery = await Channel.PostAsync(Batch("page", PageId, Now, Delivery(Customer, PageId, Now, sent.ProviderMessageId)));
        var messages = (await ana.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = pending.Id }, ana.Auth)).Messages;

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (inbound, echo, delivery));
        Assert.Equal((V1.ChannelKind.Messenger, Customer, "Is this in stock?"), (pending.Channel, pending.CustomerAddress, question.Text));
        Assert.Equal(TinyFiles.Png, picture.Content.ToByteArray());
        Assert.Equal(2, messages.Count);
        Assert.Equal(V1.MessageStatus.Delivered, messages.Single(m => m.Id == reply.Message.Id).Status);
        var call = Channel.Graph.Sends.Single();
        Assert.Equal($"{FakeGraphApi.Version}/me/messages", call.Path);
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse($$$"""{"recipient":{"id":"{{{Customer}}}"},"messaging_type":"RESPONSE","message":{"text":"Yes, two left."}}"""), call.Json),
            call.Json?.ToJsonString());
    }

    [Fact]
    public async Task SendTyping_AgentTypes_SendApiGetsTypingOnForTheCustomerAndARefusalIsOnlyLogged()
    {
        var (ana, interactionId) = await CustomerWritesThenTakenByAsync("ana", Batch("page", PageId, Now, Message(Customer, PageId, Now, "m_in1", "Still there?")));
        var typing = new V1.SendTypingRequest { InteractionId = interactionId };

        await ana.Interactions.SendTypingAsync(typing, ana.Auth);
        var action = Channel.Graph.Sends.Single();
        Channel.Graph.Refusals.Enqueue((HttpStatusCode.BadRequest, FakeGraphApi.Error(10, "(#10) This message is sent outside of allowed window.").ToJsonString()));
        Channel.Clock.Skip(TypingThrottle.Window);
        await ana.Interactions.SendTypingAsync(typing, ana.Auth);

        Assert.Equal($"{FakeGraphApi.Version}/me/messages", action.Path);
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse($$$"""{"recipient":{"id":"{{{Customer}}}"},"sender_action":"typing_on"}"""), action.Json),
            action.Json?.ToJsonString());
        Assert.Equal(2, Channel.Graph.Sends.Count());
        Assert.Contains(Channel.Server.Log.Entries, e => e.Id.Name == "PluginTypingFailed");
    }

    [Fact]
    public async Task SendTyping_TheCustomerLastWroteADayAgo_RefusedBeforeMetaIsAsked()
    {
        var (ana, interactionId) = await CustomerWritesThenTakenByAsync("ana", Batch("page", PageId, Now, Message(Customer, PageId, Now, "m_in1", "Hello")));
        Channel.Clock.Skip(TimeSpan.FromHours(25));

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await ana.Interactions.SendTypingAsync(new V1.SendTypingRequest { InteractionId = interactionId }, ana.Auth));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("24-hour customer-service window Messenger shows no typing either", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(Channel.Graph.Sends);
    }

    [Fact]
    public async Task FileReply_IsUploadedWithTheSend_AsMultipartFiledata()
    {
        var (ana, interactionId) = await CustomerWritesThenTakenByAsync("ana", Batch("page", PageId, Now, Message(Customer, PageId, Now, "m_in1", "Photo please")));

        var reply = await ana.Interactions.SendMessageAsync(new V1.SendMessageRequest
        {
            RequestId = "r1",
            InteractionId = interactionId,
            Message = new V1.OutgoingMessage { Attachments = { new V1.AttachmentUpload { FileName = "shoe.png", Content = ByteString.CopyFrom(TinyFiles.Png) } } },
        }, ana.Auth);
        await MetaPluginServer.SentAsync(ana, interactionId, reply.Message.Id);
        var upload = Channel.Graph.Sends.Single();

        Assert.StartsWith("multipart/form-data", upload.ContentType, StringComparison.Ordinal);
        Assert.Equal($$$"""{"id":"{{{Customer}}}"}""", upload.Form["recipient"]);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"attachment":{"type":"image","payload":{"is_reusable":false}}}"""), JsonNode.Parse(upload.Form["message"])), upload.Form["message"]);
        Assert.Equal(("filedata", "shoe.png", "image/png"), (upload.File!.FieldName, upload.File.FileName, upload.File.ContentType));
        Assert.Equal(TinyFiles.Png, upload.File.Content);
    }

    [Fact]
    public async Task Template_IsRefusedByTheInbox_MessengerHasNone()
    {
        var (ana, interactionId) = await CustomerWritesThenTakenByAsync("ana", Batch("page", PageId, Now, Message(Customer, PageId, Now, "m_in1", "Hello")));

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ana.Interactions.SendMessageAsync(new V1.SendMessageRequest
        {
            RequestId = "r1",
            InteractionId = interactionId,
            Message = new V1.OutgoingMessage { Template = new V1.TemplateBody { TemplateId = "followup", Parameters = { "Rui", "#1" } } },
        }, ana.Auth));

        Assert.Equal((StatusCode.InvalidArgument, "Messenger does not send templates."), (refused.StatusCode, refused.Status.Detail));
        Assert.Empty(Channel.Graph.Sends);
    }

    [Fact]
    public async Task Webhook_ForgedOrUnsigned_IsRefused_AndVerificationNeedsTheToken()
    {
        var ana = await Channel.Server.Agent("ana").SignInAsync();
        var batch = Batch("page", PageId, Now, Message(Customer, PageId, Now, "m_forged", "Send me your password"));

        var forged = await Channel.PostAsync(batch, signature: "sha256=" + new string('0', 64));
        var unsigned = await Channel.PostAsync(batch, signature: string.Empty);
        var verified = await FakeGraphApi.VerifyAsync(Channel.Server.WebAddress, "messenger", FakeGraphApi.VerifyToken, "31337");
        var refused = await FakeGraphApi.VerifyAsync(Channel.Server.WebAddress, "messenger", "wrong", "31337");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (forged, unsigned));
        Assert.Equal((HttpStatusCode.OK, "31337"), verified);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Empty((await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest(), ana.Auth)).Interactions);
    }

    [Fact]
    public async Task Read_WatermarkAfterBothReplies_ShowsBothRead_EachPassingThroughDelivered()
    {
        var (ana, interactionId) = await CustomerWritesThenTakenByAsync("ana", Batch("page", PageId, Now, Message(Customer, PageId, Now, "m_in1", "Still open?")));
        await using var events = ana.Watch();
        var first = await ReplyAsync(ana, interactionId, "r1", "Yes, until six.");
        var second = await ReplyAsync(ana, interactionId, "r2", "Shall I hold one for you?");

        var read = await Channel.PostAsync(Batch("page", PageId, Now, ReadUpTo(Customer, PageId, Now, watermark: Now)));
        var statuses = await StatusesAsync(ana, interactionId, first, second);
        await events.NextAsync(e => e.MessageChanged?.Message is { Status: V1.MessageStatus.Read } m && m.Id == second, "the second reply, read");

        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal((V1.MessageStatus.Read, V1.MessageStatus.Read), statuses);
        Assert.Equal([V1.MessageStatus.Delivered, V1.MessageStatus.Read], StatusChanges(events, first));
        Assert.Equal([V1.MessageStatus.Delivered, V1.MessageStatus.Read], StatusChanges(events, second));
    }

    [Fact]
    public async Task Read_WatermarkBetweenReplies_ShowsOnlyTheFirstRead_AndAWatermarkOnlyDeliveryTheSecondDelivered()
    {
        var (ana, interactionId) = await CustomerWritesThenTakenByAsync("ana", Batch("page", PageId, Now, Message(Customer, PageId, Now, "m_in1", "Still open?")));
        var first = await ReplyAsync(ana, interactionId, "r1", "Yes, until six.");
        var readUpTo = Now;
        var second = await ReplyAsync(ana, interactionId, "r2", "Shall I hold one for you?");

        var read = await Channel.PostAsync(Batch("page", PageId, Now, ReadUpTo(Customer, PageId, Now, watermark: readUpTo)));
        var afterRead = await StatusesAsync(ana, interactionId, first, second);
        var delivery = await Channel.PostAsync(Batch("page", PageId, Now, DeliveryUpTo(Customer, PageId, Now, watermark: Now)));
        var afterDelivery = await StatusesAsync(ana, interactionId, first, second);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (read, delivery));
        Assert.Equal((V1.MessageStatus.Read, V1.MessageStatus.Sent), afterRead);
        Assert.Equal((V1.MessageStatus.Read, V1.MessageStatus.Delivered), afterDelivery);
    }

    [Fact]
    public async Task Read_AfterAServerRestart_StillMarksTheEarlierReply()
    {
        var (ana, interactionId) = await CustomerWritesThenTakenByAsync("ana", Batch("page", PageId, Now, Message(Customer, PageId, Now, "m_in1", "Still open?")));
        var reply = await ReplyAsync(ana, interactionId, "r1", "Yes, until six.");

        await Channel.RestartAsync();
        ana = await Channel.Server.Agent("ana").SignInAsync();
        var read = await Channel.PostAsync(Batch("page", PageId, Now, ReadUpTo(Customer, PageId, Now, watermark: Now)));

        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal(V1.MessageStatus.Read, (await MetaPluginServer.MessageAsync(ana, interactionId, reply)).Status);
    }

    [Fact]
    public async Task Read_FromSomeoneNeverWrittenTo_StoresNothing_AndAnswers200()
    {
        const string Stranger = "7012345678901234";
        var (ana, interactionId) = await CustomerWritesThenTakenByAsync("ana", Batch("page", PageId, Now, Message(Customer, PageId, Now, "m_in1", "Still open?")));
        var reply = await ReplyAsync(ana, interactionId, "r1", "Yes, until six.");

        var read = await Channel.PostAsync(Batch("page", PageId, Now, ReadUpTo(Stranger, PageId, Now, watermark: Now)));
        var kept = Directory.GetFiles(Channel.PluginData, "*", SearchOption.AllDirectories).Select(f => Path.GetFileName(f));

        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal(V1.MessageStatus.Sent, (await MetaPluginServer.MessageAsync(ana, interactionId, reply)).Status);
        Assert.Equal([Customer + ".json"], kept);
    }

    [Fact]
    public async Task Read_OfAReplyOlderThanTheStoreKeepsThem_FindsNothing()
    {
        var (ana, interactionId) = await CustomerWritesThenTakenByAsync("ana", Batch("page", PageId, Now, Message(Customer, PageId, Now, "m_in1", "Still open?")));
        var reply = await ReplyAsync(ana, interactionId, "r1", "Yes, until six.");

        Channel.Clock.Skip(TimeSpan.FromDays(8));
        var read = await Channel.PostAsync(Batch("page", PageId, Now, ReadUpTo(Customer, PageId, Now, watermark: Now)));

        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal(V1.MessageStatus.Sent, (await MetaPluginServer.MessageAsync(ana, interactionId, reply)).Status);
    }

    // An agent's text reply, once the Send API has taken it; returns its message id.
    private async Task<string> ReplyAsync(AgentApi agent, string interactionId, string requestId, string text)
    {
        var reply = await agent.Interactions.SendMessageAsync(
            new V1.SendMessageRequest { RequestId = requestId, InteractionId = interactionId, Message = new V1.OutgoingMessage { Text = text } }, agent.Auth);
        await MetaPluginServer.SentAsync(agent, interactionId, reply.Message.Id);

        // The customer takes a moment before what she does next: a watermark taken now falls after this reply and
        // before the next, however fast the machine (watermarks count whole milliseconds).
        Channel.Clock.Skip(TimeSpan.FromSeconds(1));
        return reply.Message.Id;
    }

    private static async Task<(V1.MessageStatus First, V1.MessageStatus Second)> StatusesAsync(AgentApi agent, string interactionId, string first, string second) =>
        ((await MetaPluginServer.MessageAsync(agent, interactionId, first)).Status, (await MetaPluginServer.MessageAsync(agent, interactionId, second)).Status);

    // The status changes the agent's event stream showed for one message, after its send.
    private static List<V1.MessageStatus> StatusChanges(EventRecorder events, string messageId) =>
        [.. events.All.Where(e => e.MessageChanged?.Message.Id == messageId).Select(e => e.MessageChanged.Message.Status).Where(s => s > V1.MessageStatus.Sent)];
}

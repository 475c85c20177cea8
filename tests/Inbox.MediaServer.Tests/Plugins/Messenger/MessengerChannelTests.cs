using System.Net;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Inbox.MediaServer.Tests.Plugins.Meta;
using static Inbox.MediaServer.Tests.Plugins.Meta.MessagingPayloads;
using RpcException = Grpc.Core.RpcException;
using StatusCode = Grpc.Core.StatusCode;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins.Messenger;

/// <summary>
/// The Messenger plugin loaded by the real server, against a Send API stub: a Page's signed webhooks come in as
/// interactions with their attachments, replies leave as the documented JSON (files as multipart uploads), echoes
/// are ignored and deliveries move the reply forward.
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
}

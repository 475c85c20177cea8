using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Inbox.MediaServer.Tests.Plugins.Meta;
using static Inbox.MediaServer.Tests.Plugins.WhatsApp.WhatsAppPayloads;
using RpcException = Grpc.Core.RpcException;
using StatusCode = Grpc.Core.StatusCode;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins.WhatsApp;

/// <summary>
/// The WhatsApp plugin loaded by the real server, against a Cloud API stub: webhooks signed with the app secret
/// come in as pending interactions with their media, the agent's replies leave as the documented JSON, statuses
/// move messages forward only, and the 24-hour window holds free text back.
/// </summary>
public sealed class WhatsAppChannelTests : MetaPluginTests
{
    internal override Task<MetaPluginServer> StartAsync() =>
        MetaPluginServer.StartAsync("whatsapp", ("PhoneNumberId", PhoneNumberId));

    [Fact]
    public async Task Verify_TheConfiguredToken_EchoesTheChallenge_AnyOtherIsForbidden()
    {
        var good = await FakeGraphApi.VerifyAsync(Channel.Server.WebAddress, "whatsapp", FakeGraphApi.VerifyToken, "1158201444");
        var bad = await FakeGraphApi.VerifyAsync(Channel.Server.WebAddress, "whatsapp", "guessed", "1158201444");

        Assert.Equal((HttpStatusCode.OK, "1158201444"), good);
        Assert.Equal(HttpStatusCode.Forbidden, bad.Status);
    }

    [Fact]
    public async Task ListChannels_ThePhoneNumberKnownToTheGraphApi_RunningAndHealthy()
    {
        var ana = await Channel.Server.Agent("ana").SignInAsync();

        var channels = await new V1.ChannelsService.ChannelsServiceClient(Channel.Server.Connection).ListChannelsAsync(new V1.ListChannelsRequest(), ana.Auth);

        var whatsApp = Assert.Single(channels.Channels, c => c.Id == "whatsapp");
        Assert.Equal((V1.ChannelKind.Whatsapp, V1.ChannelState.Running, true), (whatsApp.Kind, whatsApp.State, whatsApp.Healthy));
        Assert.Contains(Channel.Graph.Calls, c => c.Method == "GET" && c.Path == $"{FakeGraphApi.Version}/{PhoneNumberId}");
    }

    [Fact]
    public async Task Webhook_ForgedMissingAlteredOrStale_IsRefusedAndNothingIsStored()
    {
        var ana = await Channel.Server.Agent("ana").SignInAsync();
        var body = Messages(Text("wamid.forged", Now, "Refund me")).ToJsonString();
        var altered = body.Replace("Refund me", "Refund me twice", StringComparison.Ordinal);

        var forged = await PostRawAsync(body, FakeGraphApi.Sign(Encoding.UTF8.GetBytes(body), secret: "not-the-app-secret"));
        var missing = await PostRawAsync(body, signature: string.Empty);
        var alteredAfterSigning = await PostRawAsync(altered, FakeGraphApi.Sign(Encoding.UTF8.GetBytes(body)));
        var stale = await Channel.PostAsync(Messages(Text("wamid.replayed", Now - TimeSpan.FromDays(8), "Old news")));
        var pendingAfterRefusals = (await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest(), ana.Auth)).Interactions;
        var genuine = await PostRawAsync(body, FakeGraphApi.Sign(Encoding.UTF8.GetBytes(body)));
        var pending = Assert.Single((await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest(), ana.Auth)).Interactions);
        var stored = (await ana.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = pending.Id }, ana.Auth)).Messages;

        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK),
            (forged, missing, alteredAfterSigning, stale, genuine));
        Assert.Empty(pendingAfterRefusals);
        Assert.Equal("Refund me", Assert.Single(stored).Text);
    }

    [Fact]
    public async Task Inbound_TextImageAndVoiceNote_RedeliveredBatch_IsStoredOnceWithTheMedia()
    {
        var ana = await Channel.Server.Agent("ana").SignInAsync();
        Channel.Graph.AddMedia("1037543291543636", TinyFiles.Png, "image/png");
        Channel.Graph.AddMedia("1148225003553862", TinyFiles.Ogg, "audio/ogg; codecs=opus");
        var batch = Messages(
            Text("wamid.text1", Now, "Does it come in another color?"),
            Message("wamid.image1", Now, "image", new JsonObject { ["caption"] = "This one", ["mime_type"] = "image/png", ["sha256"] = "x", ["id"] = "1037543291543636" }),
            Message("wamid.voice1", Now, "audio", new JsonObject { ["mime_type"] = "audio/ogg; codecs=opus", ["sha256"] = "y", ["id"] = "1148225003553862", ["voice"] = true }));

        var first = await Channel.PostAsync(batch);
        var redelivered = await Channel.PostAsync(batch);
        var pending = Assert.Single((await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest(), ana.Auth)).Interactions);
        var messages = (await ana.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = pending.Id }, ana.Auth)).Messages;
        // One batch, one instant on the test's still clock: the messages are told apart by content, not order.
        var image = Assert.Single(messages.Single(m => m.Text == "This one").Attachments);
        var voice = Assert.Single(messages.Single(m => m.Text.Length == 0).Attachments);
        var imageBytes = await ana.Interactions.GetAttachmentAsync(new V1.GetAttachmentRequest { DownloadPath = image.DownloadPath }, ana.Auth);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, redelivered));
        Assert.Equal((V1.ChannelKind.Whatsapp, "+" + Customer, "Rui Costa", "support"), (pending.Channel, pending.CustomerAddress, pending.CustomerName, pending.CampaignId));
        Assert.Equal(["", "Does it come in another color?", "This one"], messages.Select(m => m.Text).Order(StringComparer.Ordinal));
        Assert.Equal((V1.AttachmentKind.Image, false), (image.Kind, image.IsVoiceNote));
        Assert.Equal(TinyFiles.Png, imageBytes.Content.ToByteArray());
        Assert.Equal((V1.AttachmentKind.Audio, true, (long)TinyFiles.Ogg.Length), (voice.Kind, voice.IsVoiceNote, voice.Size));
    }

    [Fact]
    public async Task Reply_LeavesAsTheDocumentedJson_AndStatusesOnlyMoveItForward()
    {
        var (ana, interactionId) = await CustomerWritesAndAnaTakesAsync();

        var reply = await ana.Interactions.SendMessageAsync(
            new V1.SendMessageRequest { RequestId = "r1", InteractionId = interactionId, Message = new V1.OutgoingMessage { Text = "Yes: blue and green." } }, ana.Auth);
        var sent = await SentAsync(ana, interactionId, reply.Message.Id);
        var statuses = new List<V1.MessageStatus>();
        foreach (var status in new[] { "sent", "delivered", "read", "sent" })
        {
            Assert.Equal(HttpStatusCode.OK, await Channel.PostAsync(Statuses(Status(sent.ProviderId, status, Now))));
            statuses.Add((await MetaPluginServer.MessageAsync(ana, interactionId, reply.Message.Id)).Status);
        }

        AssertJson(
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"+{{{Customer}}}","type":"text","text":{"body":"Yes: blue and green."}}""",
            sent.Call.Json);
        Assert.Equal($"{FakeGraphApi.Version}/{PhoneNumberId}/messages", sent.Call.Path);
        Assert.Equal([V1.MessageStatus.Sent, V1.MessageStatus.Delivered, V1.MessageStatus.Read, V1.MessageStatus.Read], statuses);
    }

    [Fact]
    public async Task FailedStatus_CarriesMetasErrorCodeAndTitle()
    {
        var (ana, interactionId) = await CustomerWritesAndAnaTakesAsync();
        var reply = await ana.Interactions.SendMessageAsync(
            new V1.SendMessageRequest { RequestId = "r1", InteractionId = interactionId, Message = new V1.OutgoingMessage { Text = "Are you there?" } }, ana.Auth);
        var sent = await SentAsync(ana, interactionId, reply.Message.Id);

        await Channel.PostAsync(Statuses(Status(sent.ProviderId, "failed", Now, new JsonObject
        {
            ["code"] = 131026,
            ["title"] = "Message undeliverable",
            ["error_data"] = new JsonObject { ["details"] = "The recipient's phone number is not a WhatsApp phone number." },
        })));
        var failed = await MetaPluginServer.MessageAsync(ana, interactionId, reply.Message.Id);

        Assert.Equal(
            (V1.MessageStatus.Failed, "131026", "Message undeliverable: The recipient's phone number is not a WhatsApp phone number."),
            (failed.Status, failed.FailureCode, failed.FailureReason));
    }

    [Fact]
    public async Task OutsideTheWindow_FreeTextIsRefused_AndTheTemplateGoesWithItsParameters()
    {
        var (ana, interactionId) = await CustomerWritesAndAnaTakesAsync();
        Channel.Clock.Skip(TimeSpan.FromHours(25));

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ana.Interactions.SendMessageAsync(
            new V1.SendMessageRequest { RequestId = "r1", InteractionId = interactionId, Message = new V1.OutgoingMessage { Text = "Still there?" } }, ana.Auth));
        var template = await ana.Interactions.SendMessageAsync(new V1.SendMessageRequest
        {
            RequestId = "r2",
            InteractionId = interactionId,
            Message = new V1.OutgoingMessage { Template = new V1.TemplateBody { TemplateId = "followup", Parameters = { "Rui", "#1234" } } },
        }, ana.Auth);
        var sent = await SentAsync(ana, interactionId, template.Message.Id);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("Hello Rui, about your request #1234.", template.Message.Text);
        Assert.Single(Channel.Graph.Sends);
        AssertJson(
            $$$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"+{{{Customer}}}","type":"template",
             "template":{"name":"followup","language":{"code":"en"},
                         "components":[{"type":"body","parameters":[{"type":"text","text":"Rui"},{"type":"text","text":"#1234"}]}]}}
            """,
            sent.Call.Json);
    }

    [Fact]
    public async Task AgentStartsTheConversation_FreeTextRefused_TheTemplateGoes_TheCustomersReplyJoinsIt()
    {
        var ana = await Channel.Server.Agent("ana").SignInAsync();
        V1.StartInteractionRequest Start(string requestId, V1.OutgoingMessage first) =>
            new() { RequestId = requestId, Channel = V1.ChannelKind.Whatsapp, CampaignId = "support", CustomerAddress = "+" + Customer, FirstMessage = first };

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await ana.Interactions.StartInteractionAsync(Start("s1", new V1.OutgoingMessage { Text = "Hi, it's your bank." }), ana.Auth));
        var started = await ana.Interactions.StartInteractionAsync(
            Start("s2", new V1.OutgoingMessage { Template = new V1.TemplateBody { TemplateId = "followup", Parameters = { "Rui", "#1234" } } }), ana.Auth);
        var sent = await SentAsync(ana, started.Interaction.Id, started.FirstMessage.Id);
        var reply = await Channel.PostAsync(Messages(Text("wamid.reply", Now, "Thanks, all good.")));
        var messages = (await ana.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = started.Interaction.Id }, ana.Auth)).Messages;

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal(("template", "+" + Customer), (sent.Call.Json!["type"]!.GetValue<string>(), sent.Call.Json["to"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, reply);
        Assert.Equal(["Hello Rui, about your request #1234.", "Thanks, all good."], messages.Select(m => m.Text));
        Assert.Empty((await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest(), ana.Auth)).Interactions);
    }

    [Fact]
    public async Task VoiceNoteAndDocument_AreUploadedToMedia_ThenSentById_TheTextAsTheDocumentsCaption()
    {
        var (ana, interactionId) = await CustomerWritesAndAnaTakesAsync();

        var reply = await ana.Interactions.SendMessageAsync(new V1.SendMessageRequest
        {
            RequestId = "r1",
            InteractionId = interactionId,
            Message = new V1.OutgoingMessage
            {
                Text = "Here is the invoice.",
                Attachments =
                {
                    new V1.AttachmentUpload { FileName = "note.ogg", Content = ByteString.CopyFrom(TinyFiles.Ogg), IsVoiceNote = true },
                    new V1.AttachmentUpload { FileName = "invoice.pdf", Content = ByteString.CopyFrom(TinyFiles.Pdf) },
                },
            },
        }, ana.Auth);
        await SentAsync(ana, interactionId, reply.Message.Id);
        var uploads = Channel.Graph.Calls.Where(c => c.Path.EndsWith("/media", StringComparison.Ordinal)).ToList();
        var sends = Channel.Graph.Sends.Select(c => c.Json).ToList();

        Assert.Equal(
            [("audio/ogg", "note.ogg", Convert.ToHexString(TinyFiles.Ogg)), ("application/pdf", "invoice.pdf", Convert.ToHexString(TinyFiles.Pdf))],
            uploads.Select(u => (u.Form["type"], u.File!.FileName, Convert.ToHexString(u.File.Content))));
        Assert.All(uploads, u => Assert.Equal("whatsapp", u.Form["messaging_product"]));
        Assert.Equal(2, sends.Count);
        AssertJson(
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"+{{{Customer}}}","type":"audio","audio":{"id":"media-1","voice":true}}""",
            sends[0]);
        AssertJson(
            $$$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"+{{{Customer}}}","type":"document",
             "document":{"id":"media-3","caption":"Here is the invoice.","filename":"invoice.pdf"}}
            """,
            sends[1]);
    }

    [Fact]
    public async Task Send_MetasErrors_AreRetryableOrPermanentAsTheirCodesSay()
    {
        Channel.Graph.Refusals.Enqueue((HttpStatusCode.BadRequest, FakeGraphApi.Error(131047, "Re-engagement message", "More than 24 hours have passed since the recipient last replied.").ToJsonString()));
        Channel.Graph.Refusals.Enqueue((HttpStatusCode.BadRequest, FakeGraphApi.Error(130429, "Rate limit hit").ToJsonString()));
        Channel.Graph.Refusals.Enqueue((HttpStatusCode.InternalServerError, FakeGraphApi.Error(2, "Service temporarily unavailable").ToJsonString()));
        var message = new Inbox.Contracts.Channels.OutboundMessage("i-1", "m-1", "+" + Customer, "Hello again");

        var results = new List<(bool, string?, string?, bool)>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            // The fourth send loses its connection, after the three refusals.
            Channel.Graph.DroppedSends = attempt == 3 ? 1 : 0;
            var result = await Channel.Plugin.SendAsync(message, TestContext.Current.CancellationToken);
            results.Add((result.Accepted, result.FailureCode, result.FailureCode == "unreachable" ? null : result.FailureReason, result.Retryable));
        }

        (bool, string?, string?, bool)[] expected =
            [
                (false, "131047", "Re-engagement message: More than 24 hours have passed since the recipient last replied.", false),
                (false, "130429", "Rate limit hit", true),
                (false, "2", "Service temporarily unavailable", true),
                (false, "unreachable", null, true),
                (true, null, null, false),
            ];
        Assert.Equal(expected, results);
    }

    private Task<(AgentApi Agent, string InteractionId)> CustomerWritesAndAnaTakesAsync() =>
        CustomerWritesThenTakenByAsync("ana", Messages(Text("wamid.hello", Now, "Hello?")));

    // The provider's id for the send, once it is out, and the stub's record of the first call.
    private async Task<(string ProviderId, GraphCall Call)> SentAsync(AgentApi ana, string interactionId, string messageId) =>
        ((await MetaPluginServer.SentAsync(ana, interactionId, messageId)).ProviderMessageId, Channel.Graph.Sends.First());

    private Task<HttpStatusCode> PostRawAsync(string body, string signature) =>
        FakeGraphApi.PostWebhookAsync(Channel.Server.WebAddress, "whatsapp", body, signature);

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {JsonNode.Parse(expected)!.ToJsonString()}\nactual   {actual?.ToJsonString()}");
}

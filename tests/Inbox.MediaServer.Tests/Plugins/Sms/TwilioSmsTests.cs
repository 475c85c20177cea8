using System.Net;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Grpc.Core;
using Inbox.MediaServer.Plugins;
using Microsoft.Extensions.DependencyInjection;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins.Sms;

/// <summary>
/// The Twilio SMS plugin loaded by the real server, against a Twilio stub on loopback: texts in through signed
/// webhooks, replies out through the Messages resource, status callbacks moving them on, and forged webhooks refused.
/// </summary>
public sealed partial class TwilioSmsTests : IAsyncLifetime
{
    // As a proxy in front of the server would be known to Twilio: webhooks are signed over this, not the loopback URL.
    private const string PublicUrl = "https://inbox.example.com";

    private readonly TwilioStub _twilio = new();
    private ApiServer? _server;

    private ApiServer Server => _server!;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _twilio.Dispose();
    }

    [Fact]
    public void Sign_TwilioDocumentedExample_MatchesItsSignature()
    {
        // The example of Twilio's security documentation, so the stub signs as Twilio does.
        KeyValuePair<string, string>[] parameters =
        [
            new("CallSid", "CA1234567890ABCDE"), new("Caller", "+12349013030"), new("Digits", "1234"), new("From", "+12349013030"), new("To", "+18005551212"),
        ];

        var signature = TwilioStub.Sign("https://mycompany.com/myapp.php?foo=1&bar=2", parameters, authToken: "12345");

        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", signature);
    }

    [Fact]
    public async Task Sms_InboundThenReplyThenStatusCallbacks_TravelThroughTwilio()
    {
        await StartServerAsync(PublicUrl);
        var carla = await Server.Agent("carla").SignInAsync("key-carla");

        var inbound = await TwilioStub.PostAsync(Webhook("inbound"), TwilioStub.Inbound("SMin1", "+5511999990001", "Is my order on its way?"), PublicUrl + "/channels/sms/inbound");
        var pending = Assert.Single((await carla.Interactions.ListPendingAsync(new V1.ListPendingRequest(), carla.Auth)).Interactions);
        await carla.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "t1", InteractionId = pending.Id }, carla.Auth);
        var reply = await SendAsync(carla, pending.Id, "s1", "It left today.");
        await Poll.UntilAsync(async () => (await Poll.MessageAsync(carla, pending.Id, reply.Id)).Status == V1.MessageStatus.Sent);
        var sent = Assert.Single(_twilio.Sent);
        var sid = (await Poll.MessageAsync(carla, pending.Id, reply.Id)).ProviderMessageId;
        var statusUrl = PublicUrl + "/channels/sms/status";
        var sentCallback = await TwilioStub.PostAsync(Webhook("status"), TwilioStub.Status(sid, "sent"), statusUrl);
        var deliveredCallback = await TwilioStub.PostAsync(Webhook("status"), TwilioStub.Status(sid, "delivered"), statusUrl);
        await Poll.UntilAsync(async () => (await Poll.MessageAsync(carla, pending.Id, reply.Id)).Status == V1.MessageStatus.Delivered);
        var second = await SendAsync(carla, pending.Id, "s2", "Tracking: BR123.");
        await Poll.UntilAsync(async () => (await Poll.MessageAsync(carla, pending.Id, second.Id)).Status == V1.MessageStatus.Sent);
        var secondSid = (await Poll.MessageAsync(carla, pending.Id, second.Id)).ProviderMessageId;
        await TwilioStub.PostAsync(Webhook("status"), TwilioStub.Status(secondSid, "undelivered", errorCode: "30003"), statusUrl);
        await Poll.UntilAsync(async () => (await Poll.MessageAsync(carla, pending.Id, second.Id)).Status == V1.MessageStatus.Failed);
        var failed = await Poll.MessageAsync(carla, pending.Id, second.Id);

        Assert.Equal((HttpStatusCode.OK, "text/xml"), (inbound.StatusCode, inbound.Content.Headers.ContentType?.MediaType));
        Assert.Contains("<Response/>", await inbound.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal((V1.ChannelKind.Sms, "+5511999990001", "sales"), (pending.Channel, pending.CustomerAddress, pending.CampaignId));
        Assert.Equal("+5511999990001", sent["To"]);
        Assert.Equal("+15550001111", sent["From"]);
        Assert.Equal("It left today.", sent["Body"]);
        Assert.Equal(statusUrl, sent["StatusCallback"]);
        Assert.StartsWith("SM", sid, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (sentCallback.StatusCode, deliveredCallback.StatusCode));
        Assert.Equal("30003", failed.FailureCode);
    }

    [Fact]
    public async Task Webhooks_ForgedAlteredOrUnsigned_Refused403AndNothingStored()
    {
        // No public URL: signatures are over the URL the server was called at.
        await StartServerAsync(publicUrl: null);
        var carla = await Server.Agent("carla").SignInAsync("key-carla");
        var target = Webhook("inbound");
        var genuine = TwilioStub.Inbound("SMin2", "+5511999990002", "Hello");
        var altered = TwilioStub.Inbound("SMin2", "+5511999990002", "Hello, send the refund to my other account");

        var forged = await TwilioStub.PostAsync(target, genuine, signature: TwilioStub.Sign(target.ToString(), genuine, authToken: "not-the-token"));
        var tampered = await TwilioStub.PostAsync(target, altered, signature: TwilioStub.Sign(target.ToString(), genuine));
        var unsigned = await TwilioStub.PostAsync(target, genuine, signature: string.Empty);
        var otherUrl = await TwilioStub.PostAsync(target, genuine, signedUrl: target + "?elsewhere=1");
        var forgedStatus = await TwilioStub.PostAsync(Webhook("status"), TwilioStub.Status("SM1", "failed", "30008"), signature: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        var stored = (await carla.Interactions.ListPendingAsync(new V1.ListPendingRequest(), carla.Auth)).Interactions.Count;
        var accepted = await TwilioStub.PostAsync(target, genuine);

        Assert.All([forged, tampered, unsigned, otherUrl, forgedStatus], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(0, stored);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var pending = Assert.Single((await carla.Interactions.ListPendingAsync(new V1.ListPendingRequest(), carla.Auth)).Interactions);
        var messages = await carla.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = pending.Id }, carla.Auth);
        Assert.Equal("Hello", Assert.Single(messages.Messages).Text);
    }

    [Fact]
    public async Task SendMessage_AttachmentOrTwilioRefusal_RefusedOrFailedWithTwilioCode()
    {
        await StartServerAsync(PublicUrl);
        var carla = await Server.Agent("carla").SignInAsync("key-carla");
        await TwilioStub.PostAsync(Webhook("inbound"), TwilioStub.Inbound("SMin3", "+5511999990003", "Hi"), PublicUrl + "/channels/sms/inbound");
        var pending = Assert.Single((await carla.Interactions.ListPendingAsync(new V1.ListPendingRequest(), carla.Auth)).Interactions);
        await carla.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "t1", InteractionId = pending.Id }, carla.Auth);
        _twilio.Answer = (HttpStatusCode.BadRequest, 21211, "The 'To' number +5511999990003 is not a valid phone number.");

        var withFile = await Assert.ThrowsAsync<RpcException>(async () => await carla.Interactions.SendMessageAsync(new V1.SendMessageRequest
        {
            RequestId = "s1",
            InteractionId = pending.Id,
            Message = new V1.OutgoingMessage
            {
                Text = "Your invoice",
                Attachments = { new V1.AttachmentUpload { FileName = "invoice.pdf", Content = ByteString.CopyFromUtf8("%PDF-1.4\n%%EOF\n") } },
            },
        }, carla.Auth));
        var refused = await SendAsync(carla, pending.Id, "s2", "Hello");
        await Poll.UntilAsync(async () => (await Poll.MessageAsync(carla, pending.Id, refused.Id)).Status == V1.MessageStatus.Failed);
        var failed = await Poll.MessageAsync(carla, pending.Id, refused.Id);

        Assert.Equal(StatusCode.InvalidArgument, withFile.StatusCode);
        Assert.Equal("21211", failed.FailureCode);
        Assert.Contains("not a valid phone number", failed.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_AgentStartsTheConversation_TwilioSendsIt_TheCustomersReplyJoinsIt()
    {
        await StartServerAsync(PublicUrl);
        var carla = await Server.Agent("carla").SignInAsync("key-carla");

        var started = await carla.Interactions.StartInteractionAsync(
            new V1.StartInteractionRequest
            {
                RequestId = "start1",
                Channel = V1.ChannelKind.Sms,
                CampaignId = "sales",
                CustomerAddress = "+5511999990009",
                FirstMessage = new V1.OutgoingMessage { Text = "Your order is ready to collect." },
            },
            carla.Auth);
        var id = started.Interaction.Id;
        await Poll.UntilAsync(async () => (await Poll.MessageAsync(carla, id, started.FirstMessage.Id)).Status == V1.MessageStatus.Sent);
        var sent = Assert.Single(_twilio.Sent);
        var reply = await TwilioStub.PostAsync(Webhook("inbound"), TwilioStub.Inbound("SMin9", "+5511999990009", "Great, on my way."), PublicUrl + "/channels/sms/inbound");
        var messages = (await carla.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = id }, carla.Auth)).Messages;

        Assert.Equal((V1.InteractionState.Active, "carla"), (started.Interaction.State, started.Interaction.AgentId));
        Assert.Equal(("+5511999990009", "Your order is ready to collect."), (sent["To"], sent["Body"]));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(
            [(V1.MessageDirection.Outbound, "Your order is ready to collect."), (V1.MessageDirection.Inbound, "Great, on my way.")],
            messages.Select(m => (m.Direction, m.Text)));
        Assert.Empty((await carla.Interactions.ListPendingAsync(new V1.ListPendingRequest(), carla.Auth)).Interactions);
    }

    private Uri Webhook(string path) => new(Server.WebAddress, "/channels/sms/" + path);

    private async Task StartServerAsync(string? publicUrl, long? maxMediaBytes = null)
    {
        _server = await ApiServer.StartAsync(settings =>
        {
            // The other plugins there have no Channels section: they are listed unconfigured and not started.
            settings["Plugins"] = new JsonObject { ["Directory"] = Path.Combine(AppContext.BaseDirectory, "sample-plugins") };
            var sms = new JsonObject
            {
                ["AccountSid"] = TwilioStub.AccountSid,
                ["AuthToken"] = TwilioStub.AuthToken,
                ["From"] = "+15550001111",
                ["BaseUrl"] = _twilio.Url,
            };
            if (publicUrl is not null)
            {
                sms["PublicUrl"] = publicUrl;
            }

            if (maxMediaBytes is not null)
            {
                sms["MaxMediaBytes"] = maxMediaBytes.ToString();
            }

            settings["Channels"] = new JsonObject { ["sms"] = sms };
        });
        await Server.App.Services.GetRequiredService<ChannelPluginService>().Started;
    }

    private static async Task<V1.Message> SendAsync(AgentApi agent, string interactionId, string requestId, string text) =>
        (await agent.Interactions.SendMessageAsync(
            new V1.SendMessageRequest { RequestId = requestId, InteractionId = interactionId, Message = new V1.OutgoingMessage { Text = text } }, agent.Auth)).Message;
}

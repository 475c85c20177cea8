using System.Text.Json.Nodes;
using Google.Protobuf;
using Inbox.MediaServer.Plugins;
using Inbox.MediaServer.Tests.Plugins.Meta;
using Microsoft.Extensions.DependencyInjection;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins.WebChat;

/// <summary>
/// The web chat plugin loaded by the real server, with a real WebSocket visitor and an agent on the gRPC API: her
/// details become the interaction's client info, text, typing and files travel both ways, and a visitor who comes
/// back with her token gets what was written while she was away.
/// </summary>
public sealed partial class WebChatTests : IAsyncLifetime
{
    // The smallest files the inbox's content check takes for what they claim to be.
    private static readonly byte[] s_png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
    private static readonly byte[] s_pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    // The server's data folder, the test's own so that it outlives a server: the restart test starts two on it.
    private readonly string _data = Directory.CreateTempSubdirectory("inbox-webchat-").FullName;

    // The real clock, which the typing tests move past the throttle's window.
    private readonly SkippingClock _clock = new();
    private ApiServer? _server;

    private ApiServer Server => _server!;

    public async ValueTask InitializeAsync() => await StartServerAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task WebChat_VisitorAndAgent_TextTypingAndFilesBothWays()
    {
        var ana = await Server.Agent("ana").SignInAsync();
        await using var events = ana.Watch();
        await using var maria = await WebChatVisitor.ConnectAsync(Server.WebAddress, new JsonObject
        {
            ["name"] = "Maria Souza",
            ["email"] = "maria@example.com",
            ["phone"] = "+5511988887777",
        });

        await maria.SendAsync(new JsonObject { ["type"] = "message", ["id"] = "c1", ["text"] = "Hi, my parcel is late" });
        var received = await maria.NextAsync("received");
        var pending = Assert.Single((await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest(), ana.Auth)).Interactions);
        await ana.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "t1", InteractionId = pending.Id }, ana.Auth);
        await maria.SendAsync(new JsonObject { ["type"] = "typing" });
        var typing = await events.NextAsync(e => e.PayloadCase == V1.Event.PayloadOneofCase.CustomerTyping, "the visitor typing");
        var reply = (await ana.Interactions.SendMessageAsync(new V1.SendMessageRequest
        {
            RequestId = "s1",
            InteractionId = pending.Id,
            Message = new V1.OutgoingMessage
            {
                Text = "Here is the label.",
                Attachments = { new V1.AttachmentUpload { FileName = "label.pdf", Content = ByteString.CopyFrom(s_pdf) } },
            },
        }, ana.Auth)).Message;
        var fromAgent = await maria.NextAsync("message");
        await maria.SendAsync(new JsonObject { ["type"] = "ack", ["id"] = reply.Id, ["status"] = "delivered" });
        await Poll.UntilAsync(async () => (await Poll.MessageAsync(ana, pending.Id, reply.Id)).Status == V1.MessageStatus.Delivered);
        await maria.SendAsync(new JsonObject
        {
            ["type"] = "message",
            ["id"] = "c2",
            ["text"] = "A photo of the box",
            ["attachments"] = new JsonArray(new JsonObject { ["name"] = "box.png", ["mediaType"] = "image/png", ["data"] = Convert.ToBase64String(s_png) }),
        });
        await maria.NextAsync("received");
        var photo = (await ana.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = pending.Id }, ana.Auth)).Messages.Last();
        var download = await ana.Interactions.GetAttachmentAsync(new V1.GetAttachmentRequest { DownloadPath = photo.Attachments.Single().DownloadPath }, ana.Auth);

        Assert.Equal(("c1", 1L), ((string?)received["id"], (long)received["seq"]!));
        Assert.Equal((V1.ChannelKind.Webchat, "support", maria.Id, "Maria Souza"), (pending.Channel, pending.CampaignId, pending.CustomerAddress, pending.CustomerName));
        Assert.Equal("maria@example.com", pending.ClientInfo["email"]);
        Assert.Equal("+5511988887777", pending.ClientInfo["phone"]);
        Assert.Equal(pending.Id, typing.CustomerTyping.InteractionId);
        Assert.Equal((reply.Id, "agent", "Here is the label."), ((string?)fromAgent["id"], (string?)fromAgent["from"], (string?)fromAgent["text"]));
        var label = Assert.Single(fromAgent["attachments"]!.AsArray())!;
        Assert.Equal(("label.pdf", "application/pdf"), ((string?)label["name"], (string?)label["mediaType"]));
        Assert.Equal(s_pdf, Convert.FromBase64String((string)label["data"]!));
        Assert.Equal(("A photo of the box", "box.png"), (photo.Text, download.FileName));
        Assert.Equal(s_png, download.Content.ToByteArray());
    }

    [Fact]
    public async Task WebChat_VisitorAwayWhileAgentWrites_GetsItOnReconnectAndItIsDelivered()
    {
        var ana = await Server.Agent("ana").SignInAsync();
        var maria = await WebChatVisitor.ConnectAsync(Server.WebAddress, new JsonObject { ["name"] = "Maria" });
        await maria.SendAsync(new JsonObject { ["type"] = "message", ["id"] = "c1", ["text"] = "Hello?" });
        var lastSeen = (long)(await maria.NextAsync("received"))["seq"]!;
        var pending = Assert.Single((await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest(), ana.Auth)).Interactions);
        await ana.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "t1", InteractionId = pending.Id }, ana.Auth);
        await maria.CloseAsync();
        await maria.DisposeAsync();

        var whileAway = (await ana.Interactions.SendMessageAsync(
            new V1.SendMessageRequest { RequestId = "s1", InteractionId = pending.Id, Message = new V1.OutgoingMessage { Text = "Sorry for the wait!" } }, ana.Auth)).Message;
        await Poll.UntilAsync(async () => (await Poll.MessageAsync(ana, pending.Id, whileAway.Id)).Status == V1.MessageStatus.Sent);
        await using var back = await WebChatVisitor.ConnectAsync(Server.WebAddress, new JsonObject { ["token"] = maria.Token, ["after"] = lastSeen });
        var missed = await back.NextAsync("message");
        await back.SendAsync(new JsonObject { ["type"] = "ack", ["id"] = whileAway.Id, ["status"] = "read" });
        await Poll.UntilAsync(async () => (await Poll.MessageAsync(ana, pending.Id, whileAway.Id)).Status == V1.MessageStatus.Read);
        await back.SendAsync(new JsonObject { ["type"] = "message", ["id"] = "c2", ["text"] = "No problem" });
        await back.NextAsync("received");
        var conversation = await ana.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = pending.Id }, ana.Auth);

        Assert.Equal(maria.Id, back.Id);
        Assert.Equal((whileAway.Id, "Sorry for the wait!"), ((string?)missed["id"], (string?)missed["text"]));
        Assert.Equal(["Hello?", "Sorry for the wait!", "No problem"], conversation.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task ListChannels_VisitorsComeAndGo_OnlyThoseOnlineAreHeldAndAnAwayVisitorStillGetsWhatIsWritten()
    {
        var ana = await Server.Agent("ana").SignInAsync();
        var maria = await WebChatVisitor.ConnectAsync(Server.WebAddress, new JsonObject { ["name"] = "Maria" });
        await maria.SendAsync(new JsonObject { ["type"] = "message", ["id"] = "c1", ["text"] = "Hello?" });
        await maria.NextAsync("received");
        var browsing = await WebChatVisitor.ConnectAsync(Server.WebAddress, new JsonObject());
        var bothOnline = await WebChatDetailAsync(ana);
        var pending = Assert.Single((await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest(), ana.Auth)).Interactions);
        await ana.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "t1", InteractionId = pending.Id }, ana.Auth);
        foreach (var visitor in (WebChatVisitor[])[maria, browsing])
        {
            await visitor.CloseAsync();
            await visitor.DisposeAsync();
        }

        await Poll.UntilAsync(async () => await WebChatDetailAsync(ana) == "0 visitors online");
        var whileAway = (await ana.Interactions.SendMessageAsync(
            new V1.SendMessageRequest { RequestId = "s1", InteractionId = pending.Id, Message = new V1.OutgoingMessage { Text = "Still there?" } }, ana.Auth)).Message;
        await Poll.UntilAsync(async () => (await Poll.MessageAsync(ana, pending.Id, whileAway.Id)).Status == V1.MessageStatus.Sent);
        var afterWriting = await WebChatDetailAsync(ana);
        await using var back = await WebChatVisitor.ConnectAsync(Server.WebAddress, new JsonObject { ["token"] = maria.Token });
        var replayed = await back.NextAsync("message");

        Assert.Equal("2 visitors online", bothOnline);
        Assert.Equal("0 visitors online", afterWriting);
        Assert.Equal(maria.Id, back.Id);
        Assert.Equal("Hello?", (string?)replayed["text"]);
        Assert.Equal("Still there?", (string?)(await back.NextAsync("message"))["text"]);
    }

    [Fact]
    public async Task Widget_Get_ServesThePageAndItsEmbedScript()
    {
        using var http = new HttpClient();

        using var page = await http.GetAsync(new Uri(Server.WebAddress, "/channels/webchat/widget"), TestContext.Current.CancellationToken);
        using var script = await http.GetAsync(new Uri(Server.WebAddress, "/channels/webchat/embed.js"), TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var js = await script.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("text/html", "text/javascript"), (page.Content.Headers.ContentType?.MediaType, script.Content.Headers.ContentType?.MediaType));
        Assert.Contains("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("const socketPath = 'socket';", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=", html, StringComparison.Ordinal);
        Assert.Contains("new URL('widget', script.src)", js, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebChat_ServerRestartsWithMessageUnacknowledged_VisitorResumesAndItIsDelivered()
    {
        var ana = await Server.Agent("ana").SignInAsync();
        var maria = await WebChatVisitor.ConnectAsync(Server.WebAddress, new JsonObject { ["name"] = "Maria" });
        await maria.SendAsync(new JsonObject { ["type"] = "message", ["id"] = "c1", ["text"] = "Can someone call me?" });
        var lastSeen = (long)(await maria.NextAsync("received"))["seq"]!;
        var pending = Assert.Single((await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest(), ana.Auth)).Interactions);
        await ana.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "t1", InteractionId = pending.Id }, ana.Auth);
        var reply = (await ana.Interactions.SendMessageAsync(
            new V1.SendMessageRequest { RequestId = "s1", InteractionId = pending.Id, Message = new V1.OutgoingMessage { Text = "Tomorrow at nine." } }, ana.Auth)).Message;

        // Her widget had it on screen but never acknowledged it when the server went down under her open socket
        // (after the inbox stored the send's result: a send cut short by the stop is the outbound queue's to retry).
        await maria.NextAsync("message");
        await Poll.UntilAsync(async () => (await Poll.MessageAsync(ana, pending.Id, reply.Id)).Status == V1.MessageStatus.Sent);
        await Server.DisposeAsync();
        _server = null;
        await maria.DisposeAsync();
        await StartServerAsync();
        ana = await Server.Agent("ana").SignInAsync();
        await using var back = await WebChatVisitor.ConnectAsync(Server.WebAddress, new JsonObject { ["token"] = maria.Token, ["after"] = lastSeen });
        var replayed = await back.NextAsync("message");
        await back.SendAsync(new JsonObject { ["type"] = "ack", ["id"] = reply.Id, ["status"] = "delivered" });
        await Poll.UntilAsync(async () => (await Poll.MessageAsync(ana, pending.Id, reply.Id)).Status == V1.MessageStatus.Delivered);

        Assert.Equal((maria.Id, reply.Id, "Tomorrow at nine."), (back.Id, (string?)replayed["id"], (string?)replayed["text"]));
    }

    // What the web chat's health check says, as the channel list shows it.
    private async Task<string> WebChatDetailAsync(AgentApi agent)
    {
        var channels = await new V1.ChannelsService.ChannelsServiceClient(Server.Connection).ListChannelsAsync(new V1.ListChannelsRequest(), agent.Auth);
        var webChat = Assert.Single(channels.Channels, c => c.Id == "webchat");
        Assert.True(webChat.Healthy);
        return webChat.Detail;
    }

    // The web chat plugin, configured for the support campaign, on the test's data folder.
    private async Task StartServerAsync()
    {
        _server = await ApiServer.StartAsync(settings =>
        {
            // The other plugins there have no Channels section: they are listed unconfigured and not started.
            settings["Plugins"] = new JsonObject { ["Directory"] = Path.Combine(AppContext.BaseDirectory, "sample-plugins") };
            settings["Channels"] = new JsonObject { ["webchat"] = new JsonObject { ["Campaign"] = "support" } };
            settings["Inbox"]!["DataDirectory"] = _data;
        }, services => services.AddSingleton<TimeProvider>(_clock));
        await _server.App.Services.GetRequiredService<ChannelPluginService>().Started;
    }
}

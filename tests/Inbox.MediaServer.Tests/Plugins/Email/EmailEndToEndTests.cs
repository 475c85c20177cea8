using System.Text.Json.Nodes;
using Google.Protobuf;
using Inbox.MediaServer.Plugins;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins.Email;

/// <summary>
/// The real server with the e-mail plugin folder, a real Postfix and Dovecot, an agent on the gRPC API and a customer
/// with a mail client: her mail becomes an interaction, the agent's answer reaches her threaded, her reply lands in
/// the same interaction, a new mail opens a new one, and a restart of the server files nothing twice.
/// </summary>
[Collection(MailServersDefinition.Name)]
[Trait("Category", "E2E")]
public sealed class EmailEndToEndTests(MailServers servers) : IAsyncDisposable
{
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    private static readonly byte[] s_pdf = "%PDF-1.7\n%%EOF\n"u8.ToArray();
    private static readonly MailboxAddress s_inbox = new("Example Support", MailServers.Address("inbox"));
    private static readonly MailboxAddress s_restarted = new(null, MailServers.Address("restarted"));

    private readonly string _plugins = Directory.CreateTempSubdirectory("inbox-plugins-").FullName;
    private readonly string _data = Directory.CreateTempSubdirectory("inbox-data-").FullName;
    private readonly MailUser _customer = new(servers, "customer");
    private ApiServer? _server;

    private ApiServer Server => _server!;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_plugins, recursive: true);
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Mail_CustomerWritesAgentAnswersCustomerReplies_OneThreadedInteraction()
    {
        await StartServerAsync("inbox");
        var ana = await Server.Agent("ana").SignInAsync();

        var question = new MimeMessage([new MailboxAddress("Dora Customer", _customer.Mailbox.Address)], [s_inbox], "Order 42 arrived broken",
            new BodyBuilder { TextBody = "The lid is broken.", HtmlBody = "<p>The lid is <b>broken</b>.</p>", Attachments = { { "photo.png", s_png } } }.ToMessageBody());
        await _customer.SendAsync(question);
        var pending = await WaitForPendingAsync(ana, question.Subject!);
        var received = Assert.Single(await MessagesAsync(ana, pending.Id));
        var photo = await ana.Interactions.GetAttachmentAsync(new V1.GetAttachmentRequest { DownloadPath = received.Attachments.Single().DownloadPath }, ana.Auth);

        await ana.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "take", InteractionId = pending.Id }, ana.Auth);
        var answer = (await ana.Interactions.SendMessageAsync(new V1.SendMessageRequest
        {
            RequestId = "answer",
            InteractionId = pending.Id,
            Message = new V1.OutgoingMessage
            {
                Email = new V1.EmailBody
                {
                    Cc = { MailServers.Address("copy") },
                    Bcc = { MailServers.Address("blind") },
                    Subject = "Re: Order 42 arrived broken",
                    HtmlBody = "<p>A new one is <i>on its way</i>.</p>",
                    Text = "A new one is on its way.",
                },
                Attachments = { new V1.AttachmentUpload { FileName = "label.pdf", Content = ByteString.CopyFrom(s_pdf) } },
            },
        }, ana.Auth)).Message;
        await Eventually.Until(async () => (await MessagesAsync(ana, pending.Id)).Single(m => m.Id == answer.Id).Status == V1.MessageStatus.Sent);
        var sent = (await MessagesAsync(ana, pending.Id)).Single(m => m.Id == answer.Id);
        var (delivered, _) = await _customer.WaitForAsync(m => m.MessageId == sent.ProviderMessageId);
        var (copy, _) = await new MailUser(servers, "copy").WaitForAsync(m => m.MessageId == sent.ProviderMessageId);
        var (blindCopy, _) = await new MailUser(servers, "blind").WaitForAsync(m => m.MessageId == sent.ProviderMessageId);

        var reply = new MimeMessage([_customer.Mailbox], [s_inbox], "Re: Order 42 arrived broken", new TextPart("plain") { Text = "Thanks!" })
        {
            InReplyTo = delivered.MessageId,
            References = { question.MessageId!, delivered.MessageId! },
        };
        await _customer.SendAsync(reply);
        await Eventually.Until(async () => (await MessagesAsync(ana, pending.Id)).Count == 3);
        var another = new MimeMessage([_customer.Mailbox], [s_inbox], "Invoice address", new TextPart("plain") { Text = "Please change it." });
        await _customer.SendAsync(another);
        var second = await WaitForPendingAsync(ana, another.Subject!);

        Assert.Equal((V1.ChannelKind.Email, _customer.Mailbox.Address, "Dora Customer", "Order 42 arrived broken"),
            (pending.Channel, pending.CustomerAddress, pending.CustomerName, pending.Subject));
        Assert.Equal(question.MessageId, received.ProviderMessageId);
        Assert.Equal("The lid is broken.", received.Text.Trim());
        Assert.Contains("<b>broken</b>", received.Email.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("photo.png", photo.FileName);
        Assert.Equal(s_png, photo.Content.ToByteArray());

        Assert.Equal($"{answer.Id}@inbox.example.test", sent.ProviderMessageId);
        Assert.Equal(question.MessageId, delivered.InReplyTo);
        Assert.Contains(question.MessageId, delivered.References);
        Assert.Equal("Re: Order 42 arrived broken", delivered.Subject);
        Assert.Equal([s_inbox.Address], delivered.From.Mailboxes.Select(m => m.Address));
        Assert.Equal([MailServers.Address("copy")], delivered.Cc.Mailboxes.Select(m => m.Address));
        Assert.Empty(delivered.Bcc);
        Assert.Null(delivered.Headers[HeaderId.Bcc]);
        Assert.Contains("<i>on its way</i>", delivered.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("A new one is on its way.", delivered.TextBody?.Trim());
        var label = Assert.IsType<MimePart>(Assert.Single(delivered.Attachments));
        Assert.Equal("label.pdf", label.FileName);
        Assert.Equal(s_pdf, await ContentOfAsync(label));
        Assert.Equal(sent.ProviderMessageId, copy.MessageId);
        Assert.Null(blindCopy.Headers[HeaderId.Bcc]);

        var thread = await MessagesAsync(ana, pending.Id);
        Assert.Equal((reply.MessageId, "Thanks!"), (thread[2].ProviderMessageId, thread[2].Text.Trim()));
        Assert.NotEqual(pending.Id, second.Id);
    }

    [Fact]
    public async Task Mail_AgentStartsTheConversation_CustomerGetsItAndHerReplyJoinsIt()
    {
        await StartServerAsync("starter");
        var ana = await Server.Agent("ana").SignInAsync();
        var prospect = new MailUser(servers, "prospect");

        var started = await ana.Interactions.StartInteractionAsync(new V1.StartInteractionRequest
        {
            RequestId = "start",
            Channel = V1.ChannelKind.Email,
            CampaignId = "support",
            CustomerAddress = prospect.Mailbox.Address,
            FirstMessage = new V1.OutgoingMessage { Email = new V1.EmailBody { Subject = "Your renewal", Text = "Your plan renews next week." } },
        }, ana.Auth);
        var id = started.Interaction.Id;
        await Eventually.Until(async () => (await MessagesAsync(ana, id)).Single().Status == V1.MessageStatus.Sent);
        var (delivered, _) = await prospect.WaitForAsync(m => m.Subject == "Your renewal");
        var reply = new MimeMessage([prospect.Mailbox], [new MailboxAddress(null, MailServers.Address("starter"))], "Re: Your renewal", new TextPart("plain") { Text = "Please cancel it." })
        {
            InReplyTo = delivered.MessageId,
            References = { delivered.MessageId! },
        };
        await prospect.SendAsync(reply);
        await Eventually.Until(async () => (await MessagesAsync(ana, id)).Count == 2);
        var thread = await MessagesAsync(ana, id);

        Assert.Equal((V1.InteractionState.Active, "ana"), (started.Interaction.State, started.Interaction.AgentId));
        Assert.Equal("Your plan renews next week.", delivered.TextBody?.Trim());
        Assert.Equal(thread[0].ProviderMessageId, delivered.MessageId);
        Assert.Equal((V1.MessageDirection.Inbound, "Please cancel it."), (thread[1].Direction, thread[1].Text.Trim()));
        Assert.Empty((await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest { Channel = V1.ChannelKind.Email }, ana.Auth)).Interactions);
    }

    [Fact]
    public async Task Restart_MailFiledBefore_NotFiledAgain()
    {
        await StartServerAsync("restarted");
        var ana = await Server.Agent("ana").SignInAsync();
        var before = new MimeMessage([_customer.Mailbox], [s_restarted], "Before the restart", new TextPart("plain") { Text = "one" });
        await _customer.SendAsync(before);
        var first = await WaitForPendingAsync(ana, before.Subject!);

        await _server!.DisposeAsync();
        _server = null;
        await StartServerAsync("restarted");
        ana = await Server.Agent("ana").SignInAsync();
        var after = new MimeMessage([_customer.Mailbox], [s_restarted], "After the restart", new TextPart("plain") { Text = "two" });
        await _customer.SendAsync(after);
        await WaitForPendingAsync(ana, after.Subject!);

        var pending = (await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest { Channel = V1.ChannelKind.Email }, ana.Auth)).Interactions;
        Assert.Equal(["Before the restart", "After the restart"], pending.OrderBy(i => i.CreatedAt).Select(i => i.Subject));
        Assert.Single(await MessagesAsync(ana, first.Id));
    }

    private async Task StartServerAsync(string account)
    {
        CopyFolder(EmailPlugin.Folder, Path.Combine(_plugins, "email"));
        var channel = new JsonObject();
        foreach (var (name, value) in EmailPlugin.Settings(servers, account))
        {
            var (section, key) = name.Contains(':', StringComparison.Ordinal) ? (name.Split(':')[0], name.Split(':')[1]) : (null, name);
            var parent = section is null ? channel : (JsonObject)(channel[section] ??= new JsonObject());
            parent[key] = value;
        }

        _server = await ApiServer.StartAsync(settings =>
        {
            settings["Plugins"] = new JsonObject { ["Directory"] = _plugins };
            settings["Inbox"]!["DataDirectory"] = _data;
            settings["Channels"] = new JsonObject { ["email"] = channel };
            settings["Campaigns"]![0]!["Channels"]!.AsArray().Add(new JsonObject { ["Kind"] = "Email", ["WrapUp"] = "00:00:30", ["MaxPerAgent"] = 5 });
        });
        await Server.App.Services.GetRequiredService<ChannelPluginService>().Started;
    }

    private static async Task<V1.Interaction> WaitForPendingAsync(AgentApi agent, string subject)
    {
        V1.Interaction? found = null;
        await Eventually.Until(async () =>
        {
            var pending = await agent.Interactions.ListPendingAsync(new V1.ListPendingRequest { Channel = V1.ChannelKind.Email }, agent.Auth);
            found = pending.Interactions.SingleOrDefault(i => i.Subject == subject);
            return found is not null;
        });
        return found!;
    }

    private static async Task<List<V1.Message>> MessagesAsync(AgentApi agent, string interactionId) =>
        [.. (await agent.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = interactionId }, agent.Auth)).Messages];

    private static async Task<byte[]> ContentOfAsync(MimePart part)
    {
        using var content = new MemoryStream();
        await part.Content!.DecodeToAsync(content, TestContext.Current.CancellationToken);
        return content.ToArray();
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}

using System.Text;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Tests.Engine;

public sealed class MessagingTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task SendMessage_Active_StoredThenSentThroughTheChannel()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox, ChannelKind.WhatsApp, "+5511999990001");

        var message = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("Olá! 👋"), s_none);

        Assert.Equal(MessageStatus.Sending, message.Status);
        var sent = await inbox.EventuallyAsync(message.Id, m => m.Status == MessageStatus.Sent);
        Assert.Equal("WhatsApp-1", sent.ProviderMessageId);
        Assert.Equal("Olá! 👋", Assert.Single(inbox.Channels[ChannelKind.WhatsApp].Sent).Text);
    }

    [Fact]
    public async Task UpdateMessageStatus_OutOfOrder_OnlyMovesForward()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox, ChannelKind.WhatsApp, "+5511999990001");
        var message = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("hello"), s_none);
        var sent = await inbox.EventuallyAsync(message.Id, m => m.Status == MessageStatus.Sent);

        await inbox.Engine.UpdateMessageStatusAsync(ChannelKind.WhatsApp, sent.ProviderMessageId!, MessageStatus.Read, null, null, s_none);
        await inbox.Engine.UpdateMessageStatusAsync(ChannelKind.WhatsApp, sent.ProviderMessageId!, MessageStatus.Delivered, null, null, s_none);
        await inbox.Engine.UpdateMessageStatusAsync(ChannelKind.WhatsApp, sent.ProviderMessageId!, MessageStatus.Failed, "131026", "undeliverable", s_none);

        Assert.Equal(MessageStatus.Read, (await inbox.Store.FindMessageAsync(message.Id, s_none))!.Status);
    }

    [Fact]
    public async Task SendMessage_ChannelThrows_MessageFailedWithTheReason()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox, ChannelKind.Email, "client@example.com");
        inbox.Channels[ChannelKind.Email].Throw = new InvalidOperationException("SMTP server refused the sender");

        var message = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("hello"), s_none);

        var failed = await inbox.EventuallyAsync(message.Id, m => m.Status == MessageStatus.Failed);
        Assert.Equal("channel_error", failed.FailureCode);
        Assert.Contains("SMTP server refused", failed.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_SmsWithAttachment_InvalidArgument()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "carla", "key-carla", s_none);
        var pending = await inbox.CustomerWritesAsync(ChannelKind.Sms, "+5511999990001", campaignId: "sales");
        await inbox.Engine.TakeAsync(inbox.Carla, pending.Id, s_none);
        var draft = new MessageDraft("see attached", [new AttachmentUpload("photo.png", s_png, IsVoiceNote: false)]);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.SendMessageAsync(inbox.Carla, pending.Id, draft, s_none));

        Assert.Equal(InboxError.InvalidArgument, refused.Error);
        Assert.Contains("cannot carry attachments", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_EmailWithVoiceNote_InvalidArgument()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox, ChannelKind.Email, "client@example.com");
        var draft = new MessageDraft(string.Empty, [new AttachmentUpload("note.ogg", "OggS\0\u0002"u8.ToArray(), IsVoiceNote: true)]);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, draft, s_none));

        Assert.Contains("voice notes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_AttachmentContentNotMatchingItsName_RefusedAndNothingStored()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox, ChannelKind.Email, "client@example.com");
        var draft = new MessageDraft("invoice", [new AttachmentUpload("invoice.pdf", s_png, IsVoiceNote: false)]);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, draft, s_none));

        Assert.Equal(InboxError.InvalidArgument, refused.Error);
        Assert.StartsWith("invoice.pdf", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await inbox.Store.ListMessagesAsync(active.Id, s_none) is var stored ? stored.Where(m => m.Direction == MessageDirection.Outbound) : []);
    }

    [Fact]
    public async Task SendMessage_EmailWithImage_SavedUnderTheDataFolder()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox, ChannelKind.Email, "client@example.com");
        var draft = new MessageDraft("photo", [new AttachmentUpload("photo.png", s_png, IsVoiceNote: false)]);

        var message = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, draft, s_none);

        var attachment = Assert.Single(message.Attachments);
        Assert.Equal("image/png", attachment.MediaType);
        await inbox.EventuallyAsync(message.Id, m => m.Status == MessageStatus.Sent);
        var sent = Assert.Single(inbox.Channels[ChannelKind.Email].Sent);
        Assert.Equal(s_png, await File.ReadAllBytesAsync(Assert.Single(sent.Attachments).FullPath, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SendMessage_TwoFilesWithOneName_BothKept()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox, ChannelKind.Email, "client@example.com");
        byte[] other = [.. s_png, 1, 2, 3];
        var draft = new MessageDraft("two photos", [new AttachmentUpload("photo.png", s_png, false), new AttachmentUpload("photo.png", other, false)]);

        var message = await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, draft, s_none);

        Assert.Equal(["photo.png", "photo (2).png"], message.Attachments.Select(a => a.FileName));
        var (_, _, second) = await inbox.Engine.ReadAttachmentAsync(inbox.Bruno, message.Attachments[1].Path, s_none);
        Assert.Equal(other, second);
    }

    [Fact]
    public async Task Start_WhatsAppNeverWrittenWithFreeText_RefusedOutsideTheWindow()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);
        var request = new StartRequest(ChannelKind.WhatsApp, "support", "+55 11 99999-0001", "Customer", InboxFixture.Text("Hello"));

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.StartAsync(inbox.Bruno, request, s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
        Assert.Contains("approved template", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WhatsAppWithApprovedTemplate_SentRendered()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);
        var draft = new MessageDraft(string.Empty, [], "hello", ["Maria"]);

        var (interaction, message) = await inbox.Engine.StartAsync(
            inbox.Bruno, new StartRequest(ChannelKind.WhatsApp, "support", "+55 11 99999-0001", "Maria", draft), s_none);

        Assert.Equal("+5511999990001", interaction.CustomerAddress);
        Assert.Equal(InteractionState.Active, interaction.State);
        Assert.Equal("Hello Maria!", message!.Text);
    }

    [Fact]
    public async Task Start_WhatsAppWithUnapprovedTemplate_RefusedOutsideTheWindow()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);
        var draft = new MessageDraft(string.Empty, [], "draft", []);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.StartAsync(
            inbox.Bruno, new StartRequest(ChannelKind.WhatsApp, "support", "+5511999990001", null, draft), s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
    }

    [Fact]
    public async Task SendMessage_WhatsAppWithinTheWindow_FreeTextAllowed_AfterItClosesRefused()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox, ChannelKind.WhatsApp, "+5511999990001");

        await inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("within"), s_none);
        await inbox.AdvanceAsync(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        var refused = await Assert.ThrowsAsync<InboxException>(
            () => inbox.Engine.SendMessageAsync(inbox.Bruno, active.Id, InboxFixture.Text("too late"), s_none));
        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
    }

    [Theory]
    [InlineData("Sms", "12ab")]
    [InlineData("Email", "not-an-address")]
    public async Task Start_BadAddress_InvalidArgument(string channelName, string address)
    {
        var channel = Enum.Parse<ChannelKind>(channelName);
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "ana", "key-ana", s_none);
        var campaign = channel == ChannelKind.Sms ? "sales" : "support";

        var refused = await Assert.ThrowsAsync<InboxException>(
            () => inbox.Engine.StartAsync(inbox.Ana, new StartRequest(channel, campaign, address, null, InboxFixture.Text("hi")), s_none));

        Assert.Equal(InboxError.InvalidArgument, refused.Error);
    }

    [Fact]
    public async Task Start_EmailWithSubjectCcAndBcc_SentWithThem()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);
        var email = new EmailFields("Your order", "<p>Shipped</p>", [], ["boss@example.com"], ["audit@example.com"]);

        var (interaction, message) = await inbox.Engine.StartAsync(
            inbox.Bruno, new StartRequest(ChannelKind.Email, "support", "client@example.com", null, new MessageDraft("Shipped", [], Email: email)), s_none);

        Assert.Equal("Your order", interaction.Subject);
        Assert.Equal(["client@example.com"], message!.Email!.To);
        Assert.Equal(["boss@example.com"], message.Email.Cc);
        Assert.Equal(["audit@example.com"], message.Email.Bcc);
    }

    [Theory]
    [InlineData(null, "a@example.com", "needs a subject")]
    [InlineData("Hello", "not an address", "is not an e-mail address")]
    public async Task Start_EmailWithoutSubjectOrWithBadCc_InvalidArgument(string? subject, string cc, string reason)
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);
        var draft = new MessageDraft("Body", [], Email: new EmailFields(subject, null, [], [cc], []));

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.StartAsync(
            inbox.Bruno, new StartRequest(ChannelKind.Email, "support", "client@example.com", null, draft), s_none));

        Assert.Equal(InboxError.InvalidArgument, refused.Error);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_CampaignSheIsNotIn_PermissionDenied()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.StartAsync(
            inbox.Bruno, new StartRequest(ChannelKind.Sms, "sales", "+5511999990001", null, InboxFixture.Text("hi")), s_none));

        Assert.Equal(InboxError.PermissionDenied, refused.Error);
    }

    [Fact]
    public async Task Start_ChannelNotOutbound_FailedPrecondition()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.StartAsync(
            inbox.Bruno, new StartRequest(ChannelKind.WebChat, "support", "visitor", null, InboxFixture.Text("hi")), s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
    }

    [Fact]
    public async Task Receive_SameProviderIdTwice_StoredOnce()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var inbound = new InboundMessage(ChannelKind.Sms, "sales", "+5511999990001", null, "hi", "SM123", []);

        var first = await inbox.Engine.ReceiveMessageAsync(inbound, s_none);
        var second = await inbox.Engine.ReceiveMessageAsync(inbound, s_none);

        Assert.Equal(first.Id, second.Id);
        Assert.Single(await inbox.Store.ListMessagesAsync(first.InteractionId, s_none));
    }

    [Fact]
    public async Task Receive_ReplyFromAnotherAddressNamingAnEarlierMessage_FiledInThatInteraction()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var first = await inbox.Engine.ReceiveAsync(
            new InboundMessage(ChannelKind.Email, "support", "dora@example.com", null, "my order", "<m1@example.com>", [], Subject: "Order 42"), s_none);

        var reply = await inbox.Engine.ReceiveAsync(
            new InboundMessage(ChannelKind.Email, "support", "dora.work@example.com", null, "any news?", "<m2@example.com>", [],
                InReplyTo: ["<unknown@example.com>", "<m1@example.com>"]), s_none);
        var again = await inbox.Engine.ReceiveAsync(
            new InboundMessage(ChannelKind.Email, "support", "dora.work@example.com", null, "any news?", "<m2@example.com>", []), s_none);
        var unrelated = await inbox.Engine.ReceiveAsync(
            new InboundMessage(ChannelKind.Email, "support", "eve@example.com", null, "hello", "<m3@example.com>", [], InReplyTo: ["<nope@x>"]), s_none);

        Assert.False(first.IsDuplicate);
        Assert.Equal((first.Message.InteractionId, false), (reply.Message.InteractionId, reply.IsDuplicate));
        Assert.Equal((reply.Message.Id, true), (again.Message.Id, again.IsDuplicate));
        Assert.NotEqual(first.Message.InteractionId, unrelated.Message.InteractionId);
    }

    [Fact]
    public async Task Receive_AttachmentWithBadContent_TextKeptAttachmentNamedAsRefused()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var inbound = new InboundMessage(ChannelKind.WhatsApp, "support", "+5511999990001", null, "my invoice", "wamid.1",
            [new AttachmentUpload("invoice.pdf", Encoding.ASCII.GetBytes("MZ this is an exe"), IsVoiceNote: false)]);

        var message = await inbox.Engine.ReceiveMessageAsync(inbound, s_none);

        Assert.Equal("my invoice", message.Text);
        Assert.Empty(message.Attachments);
        Assert.Contains("invoice.pdf", message.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_SecondMessageFromTheSameCustomer_SameInteraction()
    {
        await using var inbox = await InboxFixture.StartAsync();

        var first = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990001", "one", "support");
        var second = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+55 11 99999-0001", "two", "support");

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, (await inbox.Store.ListMessagesAsync(first.Id, s_none)).Count);
    }

    private static async Task<Interaction> ActiveWithBrunoAsync(InboxFixture inbox, ChannelKind channel, string address)
    {
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.CustomerWritesAsync(channel, address, campaignId: "support");
        return await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);
    }
}

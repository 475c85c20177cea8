using Inbox.Interactions.Chats;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Events;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Tests.Engine;

public sealed class ChatTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task OpenChat_TwiceFromEitherSide_SameRoom()
    {
        await using var inbox = await InboxFixture.StartAsync();

        var fromAna = await inbox.Engine.OpenChatAsync(inbox.Ana, "bruno", null, s_none);
        var fromBruno = await inbox.Engine.OpenChatAsync(inbox.Bruno, "ana", null, s_none);

        Assert.Equal(fromAna.Id, fromBruno.Id);
        Assert.Equal(ChatKind.AgentToAgent, fromAna.Kind);
    }

    [Fact]
    public async Task SendChatMessage_AgentToAgent_OtherSeesItAndHistoryKeepsIt()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var chat = await inbox.Engine.OpenChatAsync(inbox.Ana, "bruno", null, s_none);
        var brunoStream = inbox.Engine.Events.Subscribe("bruno", inbox.Engine.Events.Epoch, 0);

        await inbox.Engine.SendChatMessageAsync(inbox.Ana, chat.Id, InboxFixture.Text("Can you take the next call? ☕"), s_none);

        Assert.True(brunoStream.Reader.TryRead(out var item));
        Assert.Equal("Can you take the next call? ☕", Assert.IsType<ChatMessageAdded>(item.Payload).Message.Text);
        var history = await inbox.Engine.ListChatMessagesAsync(inbox.Bruno, chat.Id, null, 50, s_none);
        Assert.Equal("ana", Assert.Single(history).AgentId);
    }

    [Fact]
    public async Task SendChatMessage_FileToCampaignRoom_InvalidArgument()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var room = await inbox.Engine.OpenChatAsync(inbox.Bruno, null, "support", s_none);
        var draft = new MessageDraft("report", [new Channels.AttachmentUpload("report.pdf", "%PDF-1.7\n"u8.ToArray(), IsVoiceNote: false)]);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.SendChatMessageAsync(inbox.Bruno, room.Id, draft, s_none));

        Assert.Equal(InboxError.InvalidArgument, refused.Error);
    }

    [Fact]
    public async Task ListChatMessages_NotAMember_NotFound()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var chat = await inbox.Engine.OpenChatAsync(inbox.Ana, "bruno", null, s_none);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.ListChatMessagesAsync(inbox.Carla, chat.Id, null, 50, s_none));

        Assert.Equal(InboxError.NotFound, refused.Error);
    }

    [Fact]
    public async Task OpenChat_CampaignSheIsNotIn_PermissionDenied()
    {
        await using var inbox = await InboxFixture.StartAsync();

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.OpenChatAsync(inbox.Bruno, null, "sales", s_none));

        Assert.Equal(InboxError.PermissionDenied, refused.Error);
    }

    [Fact]
    public async Task ReadAttachment_ChatFile_MembersOnly()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var chat = await inbox.Engine.OpenChatAsync(inbox.Ana, "bruno", null, s_none);
        var draft = new MessageDraft("the form", [new Channels.AttachmentUpload("form.pdf", "%PDF-1.7\n%%EOF\n"u8.ToArray(), IsVoiceNote: false)]);
        var message = await inbox.Engine.SendChatMessageAsync(inbox.Ana, chat.Id, draft, s_none);
        var path = Assert.Single(message.Attachments).Path;

        var (fileName, mediaType, content) = await inbox.Engine.ReadAttachmentAsync(inbox.Bruno, path, s_none);
        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.ReadAttachmentAsync(inbox.Carla, path, s_none));

        Assert.Equal(("form.pdf", "application/pdf"), (fileName, mediaType));
        Assert.Equal("%PDF-1.7\n%%EOF\n"u8.ToArray(), content);
        Assert.Equal(InboxError.NotFound, refused.Error);
    }
}

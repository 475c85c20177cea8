using System.Collections.Immutable;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Engine;

/// <summary>
/// Internal chats from the team list: agent ↔ agent (text, voice notes, files) and agent ↔ campaign, a room of the
/// campaign's members (text and voice notes).
/// </summary>
internal sealed partial class InboxEngine
{
    private static readonly ChannelCapabilities s_agentChat = ChannelCapabilities.DefaultFor(ChannelKind.WebChat) with { Templates = false };
    private static readonly ChannelCapabilities s_campaignChat = s_agentChat with { AttachmentKinds = ImmutableHashSet<AttachmentKind>.Empty };

    /// <summary>Opens (or finds) her chat with another agent of her team, or her campaign's room.</summary>
    public Task<Chat> OpenChatAsync(Agent caller, string? agentId, string? campaignId, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            string id;
            Chat chat;
            if (agentId is { Length: > 0 } && campaignId is null or "")
            {
                var other = RequireAgent(agentId);
                if (other.Id == caller.Id || !_directory.TeamOf(caller).Contains(other))
                {
                    throw InboxException.Precondition($"{other.Name} is not in your team list.");
                }

                id = Chat.AgentChatId(caller.Id, other.Id);
                chat = new Chat(id, ChatKind.AgentToAgent, [.. new[] { caller.Id, other.Id }.Order(StringComparer.Ordinal)], null, tx.Now);
            }
            else if (campaignId is { Length: > 0 } && agentId is null or "")
            {
                var campaign = RequireCampaign(campaignId);
                if (!caller.IsMemberOf(campaign.Id) && !caller.SeesEverything)
                {
                    throw InboxException.Denied($"You are not a member of campaign '{campaign.Id}'.");
                }

                id = Chat.CampaignChatId(campaign.Id);
                chat = new Chat(id, ChatKind.AgentToCampaign, [], campaign.Id, tx.Now);
            }
            else
            {
                throw InboxException.Invalid("Give either an agent or a campaign to chat with.");
            }

            if (_chats.TryGetValue(id, out var existing))
            {
                return Task.FromResult(existing);
            }

            tx.Put(chat);
            return Task.FromResult(chat);
        }, cancellationToken);

    public async Task<IReadOnlyList<Chat>> ListChatsAsync(Agent caller, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. _chats.Values.Where(c => MembersOf(c).Contains(caller.Id)).OrderBy(c => c.CreatedAt)];
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<ChatMessage> SendChatMessageAsync(Agent caller, string chatId, MessageDraft draft, CancellationToken cancellationToken) =>
        RunAsync(async tx =>
        {
            var chat = RequireChat(caller, chatId);
            if (draft.IsEmpty || draft.TemplateId is not null)
            {
                throw InboxException.Invalid("A chat message needs text, a voice note or a file.");
            }

            var capabilities = chat.Kind == ChatKind.AgentToAgent ? s_agentChat : s_campaignChat;
            if (draft.Text.Length > capabilities.MaxTextLength)
            {
                throw InboxException.Invalid($"The text is {draft.Text.Length} characters; chats allow {capabilities.MaxTextLength}.");
            }

            var messageId = NewId();
            var attachments = await SaveAttachmentsAsync($"chats/{chat.Id}/{messageId}", ChannelKind.WebChat, capabilities, draft.Attachments, cancellationToken)
                .ConfigureAwait(false);
            var message = new ChatMessage(messageId, chat.Id, caller.Id, draft.Text, attachments, tx.Now);
            tx.Put(message);
            return message;
        }, cancellationToken);

    public async Task<IReadOnlyList<ChatMessage>> ListChatMessagesAsync(
        Agent caller, string chatId, DateTimeOffset? before, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 500)
        {
            throw InboxException.Invalid("The page size must be between 1 and 500.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _ = RequireChat(caller, chatId);
        }
        finally
        {
            _gate.Release();
        }

        return await _store.ListChatMessagesAsync(chatId, before, limit, cancellationToken).ConfigureAwait(false);
    }

    private Chat RequireChat(Agent caller, string chatId) =>
        _chats.TryGetValue(chatId, out var chat) && MembersOf(chat).Contains(caller.Id)
            ? chat
            : throw InboxException.NotFound($"No chat of yours has id '{chatId}'.");
}

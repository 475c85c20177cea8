using Inbox.Contracts.Channels;

namespace Inbox.Plugins.WebChat.Visitors;

/// <summary>What agents write: into the visitor's history, and to every tab she has open.</summary>
internal sealed partial class WebChatConversations
{
    /// <summary>
    /// Accepts an agent's message for her: it is sent to her open widgets now, or replayed when she comes back, and
    /// reported delivered when a widget acknowledges it. The inbox's message id is the provider id, so a retried send
    /// is added once.
    /// </summary>
    public async Task<SendResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (message.Attachments.FirstOrDefault(a => a.Length > options.MaxAttachmentBytes) is { } large)
        {
            return SendResult.Failed("too_large", $"'{large.FileName}' is larger than the web chat's {options.MaxAttachmentBytes} bytes.");
        }

        if (await VisitorStore.EnterAsync(() => store.Find(message.CustomerAddress)).ConfigureAwait(false) is not { } visitor)
        {
            return SendResult.Failed("unknown_visitor", $"No web chat visitor has the address '{message.CustomerAddress}'; visitors start web chats.");
        }

        try
        {
            if (!visitor.Record.History.Exists(e => e.From == ConversationEntry.FromAgent && e.Id == message.MessageId))
            {
                var files = message.Attachments.Select(a => new EntryAttachment(a.FileName, a.MediaType, a.Path)).ToList();
                visitor.Record = visitor.Record.Append(
                    seq => new ConversationEntry(seq, message.MessageId, ConversationEntry.FromAgent, message.Text, time.GetUtcNow(), files),
                    options.HistoryLength,
                    out var entry);
                await store.SaveAsync(visitor).ConfigureAwait(false);
                if (visitor.Connections.Count > 0)
                {
                    await BroadcastAsync(visitor, await FrameOfAsync(entry, cancellationToken).ConfigureAwait(false), except: null, cancellationToken)
                        .ConfigureAwait(false);
                }
            }
        }
        finally
        {
            store.Leave(visitor);
        }

        return SendResult.Sent(message.MessageId);
    }
}

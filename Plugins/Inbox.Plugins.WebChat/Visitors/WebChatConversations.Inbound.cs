using Inbox.Contracts.Channels;
using Inbox.Plugins.WebChat.Protocol;

namespace Inbox.Plugins.WebChat.Visitors;

/// <summary>What a visitor writes: checked, filed in the inbox, then added to her history and confirmed.</summary>
internal sealed partial class WebChatConversations
{
    /// <summary>
    /// Files her message with what she said of herself (name, then e-mail, phone and page as client info), then
    /// answers <c>received</c>; a resend of the same id is filed once. A message the inbox cannot take now is
    /// answered with an error naming it, so the widget keeps it to send again.
    /// </summary>
    public async Task ReceiveAsync(Visitor visitor, VisitorConnection connection, VisitorFrame frame, CancellationToken cancellationToken)
    {
        if (Refusal(frame) is { } refusal)
        {
            await connection.SendAsync(refusal, cancellationToken).ConfigureAwait(false);
            return;
        }

        var (id, text) = (frame.Id!, frame.Text ?? string.Empty);
        var files = frame.Attachments ?? [];
        var uploads = new List<InboundAttachment>(files.Count);
        foreach (var file in files)
        {
            var content = new byte[(file.Data!.Length + 3) / 4 * 3];
            if (!Convert.TryFromBase64String(file.Data, content, out var length) || length > options.MaxAttachmentBytes)
            {
                await connection.SendAsync(new ErrorFrame("bad_attachment", $"'{file.Name}' is not base64 or is larger than {options.MaxAttachmentBytes} bytes.", id), cancellationToken)
                    .ConfigureAwait(false);
                return;
            }

            uploads.Add(new InboundAttachment(file.Name!, file.MediaType, content.AsMemory(0, length)));
        }

        var record = visitor.Record;
        var inbound = new InboundMessage(visitor.Id, $"{visitor.Id}/{id}", text)
        {
            CustomerName = record.Name,
            CampaignId = options.Campaign,
            ClientInfo = record.ClientInfo(),
            Attachments = uploads,
        };
        try
        {
            await sink.ReceiveAsync(inbound, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            WebChatLog.MessageNotStored(logger, channelId, visitor.Id, e);
            await connection.SendAsync(new ErrorFrame("not_stored", "The message could not be taken now; it will be sent again.", id), cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        // The inbox has it: it goes into her history even if her socket dies now, or a reply could find no visitor.
        await visitor.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var entry = visitor.Record.History.Find(e => e.From == ConversationEntry.FromVisitor && e.Id == id);
            if (entry is null)
            {
                var names = files.Select(f => new EntryAttachment(f.Name!, f.MediaType ?? "application/octet-stream", null)).ToList();
                visitor.Record = visitor.Record.Append(
                    seq => new ConversationEntry(seq, id, ConversationEntry.FromVisitor, text, time.GetUtcNow(), names), options.HistoryLength, out entry);
                await store.SaveAsync(visitor).ConfigureAwait(false);
                await BroadcastAsync(visitor, await FrameOfAsync(entry, cancellationToken).ConfigureAwait(false), except: connection, cancellationToken)
                    .ConfigureAwait(false);
            }

            await connection.SendAsync(new ReceivedFrame(id, entry.Seq), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            store.Leave(visitor);
        }
    }

    private static ErrorFrame? Refusal(VisitorFrame frame)
    {
        if (frame.Id is not { Length: > 0 and <= 64 } id)
        {
            return new ErrorFrame("bad_message", "A message needs an id of 1 to 64 characters.");
        }

        var files = frame.Attachments ?? [];
        if (string.IsNullOrWhiteSpace(frame.Text) && files.Count == 0)
        {
            return new ErrorFrame("bad_message", "A message needs text or a file.", id);
        }

        if (frame.Text?.Length > WebChatOptions.MaxTextLength)
        {
            return new ErrorFrame("too_long", $"A message holds at most {WebChatOptions.MaxTextLength} characters.", id);
        }

        if (files.Count > WebChatOptions.MaxAttachmentsPerMessage || files.Any(f => string.IsNullOrWhiteSpace(f.Name) || f.Name.Length > 200 || f.Data is null))
        {
            return new ErrorFrame("bad_attachment", $"A message carries at most {WebChatOptions.MaxAttachmentsPerMessage} files, each with a name and its data.", id);
        }

        return null;
    }
}

using Inbox.Contracts.Channels;
using Inbox.Plugins.WebChat.Protocol;
using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.WebChat.Visitors;

/// <summary>
/// The conversations between visitors and the inbox: what visitors say goes to the inbox, what agents write goes to
/// the visitors' open widgets or waits in their history until they come back. Each visitor's changes are made
/// under her gate, so her tabs see one order. Thread-safe.
/// </summary>
internal sealed partial class WebChatConversations(
    string channelId, VisitorStore store, WebChatOptions options, IChannelSink sink, TimeProvider time, ILogger logger)
{
    /// <summary>Visitors online now: only they are held in memory (and, briefly, any an agent is writing to).</summary>
    public int VisitorCount => store.Count;

    /// <summary>
    /// Starts a socket's session from her hello: finds her by token or makes her a new visitor, records what she
    /// says of herself, and replays the conversation after the entry she last has.
    /// </summary>
    public async Task<Visitor> OpenAsync(VisitorConnection connection, VisitorFrame hello, CancellationToken cancellationToken)
    {
        var (name, email, phone, page) = (Clip(hello.Name, 100), Clip(hello.Email, 200), Clip(hello.Phone, 40), Clip(hello.Page, 500));
        var given = hello.Token is { Length: > 0 and <= 100 } offered ? offered : null;
        var known = given is null ? null : await VisitorStore.EnterAsync(() => store.FindByToken(given)).ConfigureAwait(false);
        var (token, visitor) = known is null ? store.Create(name, email, phone, page) : (given!, known);
        if (known is null)
        {
            // Nobody else knows her yet: her gate is free.
            await visitor.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            var record = visitor.Record;
            var told = record with { Name = name ?? record.Name, Email = email ?? record.Email, Phone = phone ?? record.Phone, Page = page ?? record.Page };
            if (told != record)
            {
                visitor.Record = told;
                await store.SaveAsync(visitor).ConfigureAwait(false);
            }

            await connection.SendAsync(new WelcomeFrame(token, visitor.Id, options.MaxAttachmentBytes, WebChatOptions.MaxTextLength), cancellationToken)
                .ConfigureAwait(false);
            foreach (var entry in visitor.Record.History)
            {
                if (entry.Seq > hello.After)
                {
                    await connection.SendAsync(await FrameOfAsync(entry, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                }
            }

            // Added once welcomed: a socket that failed on the way is never hers, and never keeps her in memory.
            visitor.Connections.Add(connection);
        }
        finally
        {
            store.Leave(visitor);
        }

        return visitor;
    }

    /// <summary>The socket closed: agent messages wait in her history from now on, and her last tab lets her go.</summary>
    public async Task CloseAsync(Visitor visitor, VisitorConnection connection)
    {
        await visitor.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            visitor.Connections.Remove(connection);
        }
        finally
        {
            store.Leave(visitor);
        }
    }

    /// <summary>She is typing: the agent is told, at most every two seconds per tab.</summary>
    public Task TypingAsync(Visitor visitor, VisitorConnection connection, CancellationToken cancellationToken) =>
        connection.ShouldForwardTyping() ? sink.ReportTypingAsync(visitor.Id, cancellationToken) : Task.CompletedTask;

    /// <summary>Her widget has an agent's message (delivered) or showed it to her (read): the inbox is told once per step.</summary>
    public async Task AcknowledgeAsync(Visitor visitor, VisitorFrame ack, CancellationToken cancellationToken)
    {
        EntryStatus? status = ack.Status switch
        {
            "delivered" => EntryStatus.Delivered,
            "read" => EntryStatus.Read,
            _ => null,
        };
        if (status is not { } reached || ack.Id is not { } id)
        {
            return;
        }

        EntryStatus before;
        await visitor.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var history = visitor.Record.History;
            var index = history.FindIndex(e => e.From == ConversationEntry.FromAgent && e.Id == id);
            if (index < 0 || history[index].Status >= reached)
            {
                return;
            }

            before = history[index].Status;
            visitor.Record = visitor.Record with { History = history.SetItem(index, history[index] with { Status = reached }) };
            await store.SaveAsync(visitor).ConfigureAwait(false);
        }
        finally
        {
            store.Leave(visitor);
        }

        // Read straight from pending passes through delivered, so the inbox sees every step.
        if (before < EntryStatus.Delivered)
        {
            await sink.ReportStatusAsync(new StatusReport(id, DeliveryStatus.Delivered, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        if (reached == EntryStatus.Read)
        {
            await sink.ReportStatusAsync(new StatusReport(id, DeliveryStatus.Read, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
    }

    // An entry as a frame: an agent's files are read from the inbox's copy on each replay, hers go by name only.
    private static async Task<MessageFrame> FrameOfAsync(ConversationEntry entry, CancellationToken cancellationToken)
    {
        var attachments = new List<FrameAttachment>(entry.Attachments.Count);
        foreach (var attachment in entry.Attachments)
        {
            var data = attachment.Path is { } path && File.Exists(path)
                ? Convert.ToBase64String(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false))
                : null;
            attachments.Add(new FrameAttachment(attachment.Name, attachment.MediaType, data));
        }

        return new MessageFrame(entry.Seq, entry.Id, entry.From, entry.Text, entry.At, attachments);
    }

    private static string? Clip(string? value, int length) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var trimmed && trimmed.Length > length ? trimmed[..length] : trimmed;

    // Sends to every open tab but one; the caller holds her gate.
    private static async Task BroadcastAsync(Visitor visitor, MessageFrame frame, VisitorConnection? except, CancellationToken cancellationToken)
    {
        foreach (var connection in visitor.Connections)
        {
            if (connection != except)
            {
                await connection.SendAsync(frame, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

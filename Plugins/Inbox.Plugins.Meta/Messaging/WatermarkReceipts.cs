using Inbox.Contracts.Channels;

namespace Inbox.Plugins.Meta.Messaging;

/// <summary>
/// Messenger's watermarks as status reports. A <c>read</c>, and a <c>delivery</c> without <c>mids</c>, say only that
/// everything sent to that person up to a time has arrived: each message <see cref="SentMessageStore"/> holds for her
/// up to it is reported, once at each level. Reports go to the inbox before the store forgets them, so a crash in
/// between only makes Meta's redelivery report them again, which the inbox ignores. Thread-safe.
/// </summary>
/// <remarks>
/// The watermark is Meta's clock; a message's send time is this server's, read after the Send API answered, so it is
/// no earlier than Meta's own timestamp for it. Should the server's clock run behind Meta's by more than a send's
/// round trip, a message sent just after a read could count as read: keep the server's clock synchronised (NTP).
/// </remarks>
internal sealed class WatermarkReceipts(SentMessageStore sent, IChannelSink sink)
{
    /// <summary>
    /// <c>delivery.watermark</c>: every message sent before it was delivered. Those in <paramref name="named"/>
    /// (<c>delivery.mids</c>) the caller reports itself; they are only marked here.
    /// </summary>
    public async Task DeliveredAsync(
        string customer, DateTimeOffset watermark, IReadOnlyCollection<string> named, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var upTo = watermark.ToUnixTimeMilliseconds();
        var reached = (await sent.ListAsync(customer, cancellationToken))
            .Where(m => !m.Delivered && (m.SentAt < upTo || named.Contains(m.Id)))
            .Select(m => m.Id)
            .ToList();
        if (reached.Count == 0)
        {
            return;
        }

        foreach (var id in reached.Except(named))
        {
            await sink.ReportStatusAsync(new StatusReport(id, DeliveryStatus.Delivered, at), cancellationToken);
        }

        await sent.ChangeAsync(customer, entries => [.. entries.Select(e => reached.Contains(e.Id) ? e with { Delivered = true } : e)], cancellationToken);
    }

    /// <summary><c>read.watermark</c>: every message sent before or at it was read. Read messages are forgotten.</summary>
    public async Task ReadAsync(string customer, DateTimeOffset watermark, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var upTo = watermark.ToUnixTimeMilliseconds();
        var read = (await sent.ListAsync(customer, cancellationToken)).Where(m => m.SentAt <= upTo).ToList();
        if (read.Count == 0)
        {
            return;
        }

        foreach (var message in read)
        {
            // Read before any delivery passes through delivered, so the inbox shows every step, as web chat's do.
            if (!message.Delivered)
            {
                await sink.ReportStatusAsync(new StatusReport(message.Id, DeliveryStatus.Delivered, at), cancellationToken);
            }

            await sink.ReportStatusAsync(new StatusReport(message.Id, DeliveryStatus.Read, at), cancellationToken);
        }

        await sent.ChangeAsync(customer, entries => [.. entries.Where(e => !read.Exists(r => r.Id == e.Id))], cancellationToken);
    }
}

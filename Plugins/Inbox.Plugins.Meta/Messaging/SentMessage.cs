namespace Inbox.Plugins.Meta.Messaging;

/// <summary>
/// A message the channel sent to one person and she has not read yet, as <see cref="SentMessageStore"/> keeps it:
/// its provider id (the one the inbox knows it by) and when it was sent, in milliseconds since the Unix epoch like
/// Meta's watermarks.
/// </summary>
/// <param name="Delivered">Whether the inbox has been told it was delivered.</param>
internal sealed record SentMessage(string Id, long SentAt, bool Delivered)
{
    /// <summary>
    /// A message sent at <paramref name="sentAt"/>, rounded up to the next millisecond: a watermark in the same
    /// millisecond may come from just before the send, and a message is never to count as read before it was sent.
    /// </summary>
    public static SentMessage At(string id, DateTimeOffset sentAt)
    {
        var ticks = sentAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new SentMessage(id, (ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond, Delivered: false);
    }
}

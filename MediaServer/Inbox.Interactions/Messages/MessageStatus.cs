namespace Inbox.Interactions.Messages;

/// <summary>
/// A message's delivery status. Outbound ones only move forward, sending → sent → delivered → read, or to failed
/// before delivery; providers report them out of order, so a late "sent" after "read" is ignored.
/// </summary>
internal enum MessageStatus
{
    Sending,
    Sent,
    Delivered,
    Read,
    Failed,

    /// <summary>An inbound message, as it arrived.</summary>
    Received,
}

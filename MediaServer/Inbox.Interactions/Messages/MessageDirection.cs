namespace Inbox.Interactions.Messages;

internal enum MessageDirection
{
    Inbound,
    Outbound,
}

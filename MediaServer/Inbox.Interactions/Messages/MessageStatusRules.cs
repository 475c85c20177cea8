namespace Inbox.Interactions.Messages;

/// <summary>Which status changes are progress and which are stale reports.</summary>
internal static class MessageStatusRules
{
    public static bool CanMove(MessageStatus from, MessageStatus to) => (from, to) switch
    {
        (MessageStatus.Received, _) or (_, MessageStatus.Received) or (MessageStatus.Failed, _) => false,
        (MessageStatus.Sending or MessageStatus.Sent, MessageStatus.Failed) => true,
        (_, MessageStatus.Failed) => false,
        _ => to > from,
    };
}

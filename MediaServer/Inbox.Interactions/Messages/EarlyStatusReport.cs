using Inbox.Interactions.Channels;

namespace Inbox.Interactions.Messages;

/// <summary>
/// A provider's delivery report for a provider id no message carries yet: a fast provider may report before the
/// send's result is stored. Kept until a send result brings that id, or until it expires.
/// </summary>
internal sealed record EarlyStatusReport(
    string Id,
    ChannelKind Channel,
    string ProviderMessageId,
    MessageStatus Status,
    string? FailureCode,
    string? FailureReason,
    DateTimeOffset ReceivedAt);

namespace Inbox.Interactions.Channels;

/// <summary>What the provider said to a send: accepted with its message id, or refused with a code and reason.</summary>
internal sealed record ChannelSendResult(bool Accepted, string? ProviderMessageId, string? FailureCode, string? FailureReason)
{
    /// <summary>The provider could not be reached or asked to try later; another attempt may succeed.</summary>
    public bool Retryable { get; init; }

    public static ChannelSendResult Sent(string providerMessageId) => new(true, providerMessageId, null, null);

    public static ChannelSendResult Failed(string code, string reason) => new(false, null, code, reason);
}

namespace Inbox.Contracts.Channels;

/// <summary>A customer's message as the plugin received it.</summary>
/// <param name="CustomerAddress">How the channel addresses her: e-mail address, phone number in E.164, page-scoped id…</param>
/// <param name="ProviderMessageId">The provider's id (an e-mail's Message-ID): a redelivery with the same id is stored once.</param>
public sealed record InboundMessage(string CustomerAddress, string ProviderMessageId, string Text)
{
    public string? CustomerName { get; init; }

    /// <summary>The campaign whose address received it (the number or mailbox); null for the first campaign taking the channel.</summary>
    public string? CampaignId { get; init; }

    /// <summary>The subject, for e-mail.</summary>
    public string? Subject { get; init; }

    /// <summary>The HTML body, for e-mail; <see cref="InboundMessage.Text"/> holds its plain-text version.</summary>
    public string? Html { get; init; }

    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];

    /// <summary>
    /// Provider ids of the messages this one answers, most relevant first (an e-mail's In-Reply-To, then its
    /// References): it is filed into the interaction that holds any of them.
    /// </summary>
    public IReadOnlyList<string> InReplyTo { get; init; } = [];

    /// <summary>What else the channel knows of her (a web chat visitor's e-mail and phone), shown to the agent.</summary>
    public IReadOnlyDictionary<string, string> ClientInfo { get; init; } = new Dictionary<string, string>();
}

/// <summary>A file that came with an inbound message.</summary>
/// <param name="IsVoiceNote">Recorded audio the customer sent as a voice message, not an audio file.</param>
public sealed record InboundAttachment(string FileName, string? MediaType, ReadOnlyMemory<byte> Content, bool IsVoiceNote = false);

/// <summary>Where the inbox filed an inbound message.</summary>
/// <param name="IsDuplicate">The provider id was seen before; nothing was stored this time.</param>
public sealed record InboundResult(string InteractionId, string MessageId, bool IsDuplicate);

/// <summary>A message an agent wrote, for the plugin to deliver.</summary>
/// <param name="MessageId">The inbox's id for it: the same on every attempt, so it can serve as an idempotency key.</param>
public sealed record OutboundMessage(string InteractionId, string MessageId, string CustomerAddress, string Text)
{
    public string? CustomerName { get; init; }

    public string? CampaignId { get; init; }

    /// <summary>The subject, for e-mail.</summary>
    public string? Subject { get; init; }

    /// <summary>An HTML body, for e-mail; <see cref="OutboundMessage.Text"/> is its plain-text version.</summary>
    public string? Html { get; init; }

    public IReadOnlyList<OutboundAttachment> Attachments { get; init; } = [];

    /// <summary>An approved template to send instead of free text (WhatsApp outside the messaging window).</summary>
    public TemplateMessage? Template { get; init; }

    /// <summary>Copies, for e-mail.</summary>
    public IReadOnlyList<string> Cc { get; init; } = [];

    /// <summary>Blind copies, for e-mail.</summary>
    public IReadOnlyList<string> Bcc { get; init; } = [];

    /// <summary>Provider ids of the interaction's earlier messages, oldest first: e-mail threads its reply to them.</summary>
    public IReadOnlyList<string> Thread { get; init; } = [];

    /// <summary>True for the first message of an interaction an agent started ("New").</summary>
    public bool StartsConversation { get; init; }
}

/// <summary>A stored file to send, by its full path on the server's disk.</summary>
public sealed record OutboundAttachment(string FileName, string MediaType, string Path, long Length, bool IsVoiceNote = false);

/// <summary>An approved template and the values of its placeholders, in order.</summary>
public sealed record TemplateMessage(string Name, string Language, IReadOnlyList<string> Parameters);

/// <summary>The provider's answer to a send.</summary>
public sealed record SendResult
{
    private SendResult(bool accepted, string? providerMessageId, string? failureCode, string? failureReason, bool retryable)
    {
        Accepted = accepted;
        ProviderMessageId = providerMessageId;
        FailureCode = failureCode;
        FailureReason = failureReason;
        Retryable = retryable;
    }

    public bool Accepted { get; }

    /// <summary>The provider's id, which delivery reports and replies refer to.</summary>
    public string? ProviderMessageId { get; }

    public string? FailureCode { get; }

    public string? FailureReason { get; }

    /// <summary>The provider could not be reached or asked to try later: the host sends it again with backoff.</summary>
    public bool Retryable { get; }

    public static SendResult Sent(string providerMessageId) => new(true, providerMessageId, null, null, false);

    /// <param name="retryable">True when trying later may succeed (timeout, 5xx, rate limit); false for a refusal (bad number, policy).</param>
    public static SendResult Failed(string code, string reason, bool retryable = false) => new(false, null, code, reason, retryable);
}

/// <summary>How far a sent message has got.</summary>
public enum DeliveryStatus
{
    Sent,
    Delivered,
    Read,
    Failed,
}

/// <summary>A provider's report on a message it was given.</summary>
public sealed record StatusReport(string ProviderMessageId, DeliveryStatus Status, DateTimeOffset At)
{
    /// <summary>The provider's error code, for <see cref="DeliveryStatus.Failed"/>.</summary>
    public string? FailureCode { get; init; }

    public string? FailureReason { get; init; }
}

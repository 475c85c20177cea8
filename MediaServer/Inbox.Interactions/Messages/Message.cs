using System.Collections.Immutable;

namespace Inbox.Interactions.Messages;

/// <summary>One message of a text interaction, inbound or outbound, with its delivery status.</summary>
internal sealed record Message
{
    public required string Id { get; init; }

    public required string InteractionId { get; init; }

    public required MessageDirection Direction { get; init; }

    /// <summary>The agent who wrote it; null for the customer's messages.</summary>
    public string? AgentId { get; init; }

    public string Text { get; init; } = string.Empty;

    public ImmutableArray<StoredAttachment> Attachments { get; init; } = [];

    public string? TemplateId { get; init; }

    public ImmutableArray<string> TemplateParameters { get; init; } = [];

    public EmailFields? Email { get; init; }

    public required MessageStatus Status { get; init; }

    /// <summary>Why it failed; while it is still sending, why the last attempt failed (it will be tried again).</summary>
    public string? FailureCode { get; init; }

    /// <summary>The failure in words; while it is still sending, the last attempt's.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Outbound: how many times it was handed to its channel (0 until the first attempt).</summary>
    public int Attempts { get; init; }

    /// <summary>Outbound, still sending: when it is handed to its channel next. Null once the channel took it or it failed for good.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Whether the outbox still owes it to its channel.</summary>
    public bool IsQueued => Direction == MessageDirection.Outbound && Status == MessageStatus.Sending;

    /// <summary>The provider's id (WhatsApp wamid, SMS sid, e-mail Message-ID), for status updates and threading.</summary>
    public string? ProviderMessageId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

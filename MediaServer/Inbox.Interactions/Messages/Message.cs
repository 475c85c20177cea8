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

    public string? FailureCode { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>The provider's id (WhatsApp wamid, SMS sid, e-mail Message-ID), for status updates and threading.</summary>
    public string? ProviderMessageId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

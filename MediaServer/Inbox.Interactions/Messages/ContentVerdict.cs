namespace Inbox.Interactions.Messages;

/// <summary>What a content check concluded about a file's bytes.</summary>
internal enum ContentVerdict
{
    /// <summary>The bytes are the format the extension claims.</summary>
    Matches,

    /// <summary>The bytes are some other format, or are malformed.</summary>
    Mismatch,

    /// <summary>The bytes are the claimed format but carry script that would run in an agent's browser.</summary>
    ActiveContent,
}

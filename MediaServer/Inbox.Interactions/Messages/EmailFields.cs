using System.Collections.Immutable;

namespace Inbox.Interactions.Messages;

/// <summary>The parts of an e-mail beyond its text.</summary>
internal sealed record EmailFields(
    string? Subject,
    string? HtmlBody,
    ImmutableArray<string> To,
    ImmutableArray<string> Cc,
    ImmutableArray<string> Bcc);

using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Inbox.Sip.Messages;

namespace Inbox.Sip.Transactions;

/// <summary>Via branch values (RFC 3261 §8.1.1.7).</summary>
internal static class SipBranch
{
    /// <summary>A new branch: the magic cookie and 96 random bits, unique across space and time.</summary>
    public static string Create() =>
        string.Concat(SipVia.MagicCookie, RandomNumberGenerator.GetHexString(24, lowercase: true));

    /// <summary>True when the branch carries the RFC 3261 magic cookie and so identifies a transaction by itself.</summary>
    public static bool IsRfc3261([NotNullWhen(true)] string? branch) =>
        branch is not null && branch.Length > SipVia.MagicCookie.Length && branch.StartsWith(SipVia.MagicCookie, StringComparison.Ordinal);
}

using System.Security.Cryptography;

namespace Inbox.Sip.Dialogs;

/// <summary>From and To tags (RFC 3261 §19.3).</summary>
internal static class SipTag
{
    /// <summary>A new tag with 64 random bits, more than the 32 the RFC asks for.</summary>
    public static string Create() => RandomNumberGenerator.GetHexString(16, lowercase: true);
}

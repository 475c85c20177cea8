namespace Inbox.Sip.Auth;

/// <summary>The outcome of checking a nonce with <see cref="DigestNonceIssuer.Validate"/>.</summary>
internal enum DigestNonceStatus
{
    /// <summary>Issued by this server (authentic MAC) and within its lifetime.</summary>
    Valid,

    /// <summary>Authentic but older than the lifetime: re-challenge with <c>stale=true</c>.</summary>
    Expired,

    /// <summary>Not issued by this server's key: malformed, tampered or from before a key change.</summary>
    Invalid,
}

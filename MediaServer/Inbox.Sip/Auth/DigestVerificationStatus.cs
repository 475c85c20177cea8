namespace Inbox.Sip.Auth;

/// <summary>The outcome class of a digest verification.</summary>
internal enum DigestVerificationStatus
{
    /// <summary>The credentials are valid: let the request through.</summary>
    Success,

    /// <summary>The response was correct but the nonce has expired: re-challenge with <c>stale=true</c>.</summary>
    Stale,

    /// <summary>The credentials are wrong or not acceptable (see <see cref="DigestFailureReason"/>): re-challenge.</summary>
    Failed,

    /// <summary>No credential exists for the username and realm: re-challenge (or 403 by policy).</summary>
    UnknownUser,

    /// <summary>The header is not a well-formed Digest credential: 400 or re-challenge.</summary>
    Malformed,
}

namespace Inbox.Sip.Auth;

/// <summary>Why a verification ended <see cref="DigestVerificationStatus.Failed"/>.</summary>
internal enum DigestFailureReason
{
    None,

    /// <summary>The response digest does not match: wrong password (or tampered parameters).</summary>
    WrongResponse,

    /// <summary>The nonce was not issued by this server (tampered, foreign, or from before a key change).</summary>
    InvalidNonce,

    /// <summary>The nonce-count is not greater than one already accepted for this nonce: a replay.</summary>
    NonceCountReplayed,

    /// <summary>The realm is not this server's realm.</summary>
    RealmMismatch,

    /// <summary>The algorithm is unknown here, or not one this server offers.</summary>
    UnsupportedAlgorithm,

    /// <summary>The stored credential holds no HA1 for the algorithm's hash family.</summary>
    AlgorithmNotConfigured,

    /// <summary>qop is not <c>auth</c> (auth-int is not supported), or is missing while required.</summary>
    UnsupportedQop,

    /// <summary><c>userhash=true</c> was sent; this server does not offer it.</summary>
    UnsupportedUserHash,

    /// <summary>The digest-uri differs from the Request-URI given to the verifier.</summary>
    UriMismatch,
}

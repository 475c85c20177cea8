namespace Inbox.Sip.Auth;

/// <summary>Settings of <see cref="DigestAuthenticator"/>, bound from <c>Sip:Auth</c>.</summary>
internal sealed class DigestAuthOptions
{
    /// <summary>The protection realm put in challenges and required in credentials. Required; no default.</summary>
    public string Realm { get; set; } = "";

    /// <summary>How long a nonce is accepted before the client is re-challenged with <c>stale=true</c>. Default 5 minutes.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most nonces whose nonce-count is remembered at once (replay protection). Default 65,536.</summary>
    public int MaxTrackedNonces { get; set; } = 65_536;

    /// <summary>
    /// Algorithms offered, one challenge header each, in this order of preference (RFC 8760 §2.4); clients may
    /// answer only with one of these. Empty (the default) means SHA-256 then MD5. The list starts empty because
    /// the configuration binder appends to existing items rather than replacing them.
    /// </summary>
    public IList<DigestAlgorithm> Algorithms { get; } = [];

    /// <summary>
    /// When true (the default) credentials without <c>qop=auth</c> (the RFC 2069 form) are refused, since they
    /// carry no nonce-count and cannot be protected against replay.
    /// </summary>
    public bool RequireQop { get; set; } = true;

    /// <summary>
    /// The nonce HMAC key (at least 16 bytes). Default null: a random key per process, so nonces die with a
    /// restart (clients are simply challenged again). Set the same key on every node of a cluster.
    /// </summary>
    public byte[]? NonceKey { get; set; }
}

namespace Inbox.Sip.Auth;

/// <summary>
/// The digest hash algorithms this stack speaks (RFC 7616 §3.2, RFC 8760 §2.1). The <c>-sess</c> variants hash
/// the nonce and cnonce into HA1 (RFC 7616 §3.4.2). SHA-512-256 is not supported.
/// </summary>
internal enum DigestAlgorithm
{
    /// <summary><c>MD5</c>: the RFC 3261 default, kept for old phones and trunks.</summary>
    Md5,

    /// <summary><c>MD5-sess</c>.</summary>
    Md5Sess,

    /// <summary><c>SHA-256</c> (RFC 8760): offered first by the server.</summary>
    Sha256,

    /// <summary><c>SHA-256-sess</c>.</summary>
    Sha256Sess,
}

namespace Inbox.Sip.Auth;

/// <summary>
/// Looks up the credential of a (username, realm) pair. Implementations must be thread-safe: the authenticator
/// calls them concurrently. Usernames and realms compare ordinally (case-sensitive, RFC 7616 §3.3).
/// </summary>
internal interface IDigestCredentialStore
{
    /// <summary>The credential, or null when the user is unknown in that realm.</summary>
    ValueTask<DigestCredential?> FindAsync(string username, string realm, CancellationToken cancellationToken);
}

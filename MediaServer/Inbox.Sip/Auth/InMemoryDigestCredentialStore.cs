using System.Collections.Concurrent;

namespace Inbox.Sip.Auth;

/// <summary>
/// A credential store held in memory (from configuration). Thread-safe: lookups and changes may race; a lookup
/// sees either the old or the new credential. Lookups complete synchronously and do not allocate.
/// </summary>
internal sealed class InMemoryDigestCredentialStore : IDigestCredentialStore
{
    private readonly ConcurrentDictionary<(string Username, string Realm), DigestCredential> _credentials = new();

    public int Count => _credentials.Count;

    /// <summary>Adds or replaces the credential for its (username, realm).</summary>
    public void Set(DigestCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credentials[(credential.Username, credential.Realm)] = credential;
    }

    public bool Remove(string username, string realm) => _credentials.TryRemove((username, realm), out _);

    public ValueTask<DigestCredential?> FindAsync(string username, string realm, CancellationToken cancellationToken) =>
        new(_credentials.TryGetValue((username, realm), out var credential) ? credential : null);
}

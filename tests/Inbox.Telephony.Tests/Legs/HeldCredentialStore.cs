using Inbox.Sip.Auth;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// The phones' credentials, whose lookups a test can hold: a slow store, so that something happens while the server
/// is still checking a phone's credentials.
/// </summary>
internal sealed class HeldCredentialStore(IDigestCredentialStore inner) : IDigestCredentialStore
{
    private TaskCompletionSource _released = Released();

    /// <summary>Lookups from now on wait for <see cref="Release"/>.</summary>
    public void Hold() => _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _released.TrySetResult();

    /// <summary>How many lookups have started: one more means a request's credentials are being checked.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    private int _lookups;

    public async ValueTask<DigestCredential?> FindAsync(string username, string realm, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        await _released.Task.WaitAsync(cancellationToken);
        return await inner.FindAsync(username, realm, cancellationToken);
    }

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }
}

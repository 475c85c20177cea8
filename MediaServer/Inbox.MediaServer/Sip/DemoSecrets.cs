using Inbox.Sip.Auth;

namespace Inbox.MediaServer.Sip;

/// <summary>
/// Recognises the sample configuration's secrets ("demo-" followed by the extension), stored plainly or hashed,
/// so the server can warn while they are in use.
/// </summary>
internal static class DemoSecrets
{
    public static bool IsDemo(DigestCredential credential, string extension)
    {
        var demo = DigestCredential.FromPassword(extension, credential.Realm, "demo-" + extension);
        foreach (var algorithm in (ReadOnlySpan<DigestAlgorithm>)[DigestAlgorithm.Sha256, DigestAlgorithm.Md5])
        {
            if (Ha1Equals(credential, demo, algorithm))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Ha1Equals(DigestCredential configured, DigestCredential demo, DigestAlgorithm algorithm)
    {
        Span<byte> left = stackalloc byte[64];
        Span<byte> right = stackalloc byte[64];
        return configured.TryGetHa1(algorithm, left, out var leftLength)
            && demo.TryGetHa1(algorithm, right, out var rightLength)
            && left[..leftLength].SequenceEqual(right[..rightLength]);
    }
}

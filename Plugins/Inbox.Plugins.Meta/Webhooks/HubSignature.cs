using System.Security.Cryptography;

namespace Inbox.Plugins.Meta.Webhooks;

/// <summary>
/// Meta's webhook signature: <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the raw body keyed
/// with the app secret. Stateless and thread-safe.
/// </summary>
internal static class HubSignature
{
    public const string Header = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    /// <summary>
    /// Whether <paramref name="header"/> signs <paramref name="body"/> byte for byte. The comparison takes the same time
    /// however many bytes match, so a forger learns nothing from response times.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> body, string? header, byte[] appSecret)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        Span<byte> claimed = stackalloc byte[32];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), claimed, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[32];
        HMACSHA256.HashData(appSecret, body, actual);
        return CryptographicOperations.FixedTimeEquals(actual, claimed);
    }
}

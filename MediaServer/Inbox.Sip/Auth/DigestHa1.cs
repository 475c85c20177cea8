using System.Text;

namespace Inbox.Sip.Auth;

/// <summary>
/// Produces the HA1 hashes operators store instead of passwords (HA1 = H(username ":" realm ":" password),
/// RFC 7616 §3.4.2). Thread-safe (stateless). Suitable for a CLI: <c>inbox hash-password bob example.com</c>.
/// </summary>
internal static class DigestHa1
{
    /// <summary>The lowercase hex HA1 for the algorithm's hash family (a -sess algorithm uses its base hash).</summary>
    public static string ComputeHex(DigestAlgorithm algorithm, string username, string realm, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(password);
        Span<byte> hex = stackalloc byte[DigestAlgorithms.MaxHexLength];
        var length = DigestComputation.ComputeHa1(algorithm, username, realm, password, hex);
        return Encoding.ASCII.GetString(hex[..length]);
    }

    /// <summary>
    /// The secret string for configuration, <c>sha256:&lt;hex&gt;,md5:&lt;hex&gt;</c>, which
    /// <see cref="DigestCredential.TryParseSecret"/> reads back. Both hashes are included so either algorithm can be
    /// verified; pass <paramref name="includeMd5"/> false for SHA-256-only users.
    /// </summary>
    public static string CreateSecret(string username, string realm, string password, bool includeMd5 = true)
    {
        var sha256 = string.Concat("sha256:", ComputeHex(DigestAlgorithm.Sha256, username, realm, password));
        return includeMd5
            ? string.Concat(sha256, ",md5:", ComputeHex(DigestAlgorithm.Md5, username, realm, password))
            : sha256;
    }
}

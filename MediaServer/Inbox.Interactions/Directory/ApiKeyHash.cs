using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Inbox.Interactions.Directory;

/// <summary>
/// API credentials at rest: PBKDF2-SHA256 with a random salt, written as
/// <c>pbkdf2-sha256$iterations$salt$hash</c>, so a leaked config file does not hand out agents' keys.
/// </summary>
internal static class ApiKeyHash
{
    private const string Scheme = "pbkdf2-sha256";
    private const int DefaultIterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Create(string apiKey, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(apiKey, salt, iterations);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool IsWellFormed(string encoded) => TryDecode(encoded, out _, out _, out _);

    /// <summary>Whether the key matches, compared in constant time.</summary>
    public static bool Verify(string apiKey, string encoded)
    {
        if (!TryDecode(encoded, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Derive(apiKey, salt, iterations), expected);
    }

    private static byte[] Derive(string apiKey, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(apiKey), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    private static bool TryDecode(string encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length > 0 && hash.Length == HashBytes;
    }
}

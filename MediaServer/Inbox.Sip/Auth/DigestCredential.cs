using System.Buffers;
using System.Text;

namespace Inbox.Sip.Auth;

/// <summary>
/// What the server knows about one (username, realm): a plain password, or precomputed HA1 hashes so that no
/// password need be stored. A password verifies every algorithm; an HA1 only verifies its own hash family
/// (an MD5 HA1 verifies <c>MD5</c> and <c>MD5-sess</c>). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Configuration strings (see <see cref="TryParseSecret"/>): <c>sha256:&lt;64 hex&gt;</c>, <c>md5:&lt;32 hex&gt;</c>,
/// both joined by a comma (<c>sha256:…,md5:…</c>), <c>plain:&lt;password&gt;</c>, or any other text taken as the
/// plain password. <see cref="DigestHa1.CreateSecret"/> produces the hashed form.
/// </remarks>
internal sealed class DigestCredential
{
    private static readonly SearchValues<char> s_hexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private readonly string? _password;
    private readonly byte[]? _md5Ha1;
    private readonly byte[]? _sha256Ha1;

    private DigestCredential(string username, string realm, string? password, byte[]? md5Ha1, byte[]? sha256Ha1)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(realm);
        Username = username;
        Realm = realm;
        _password = password;
        _md5Ha1 = md5Ha1;
        _sha256Ha1 = sha256Ha1;
    }

    public string Username { get; }

    public string Realm { get; }

    public static DigestCredential FromPassword(string username, string realm, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return new DigestCredential(username, realm, password, null, null);
    }

    /// <summary>Creates a credential from HA1 hex strings (either may be null, not both).</summary>
    /// <exception cref="ArgumentException">A hash is not hex of the right length, or both are null.</exception>
    public static DigestCredential FromHa1(string username, string realm, string? md5Ha1Hex, string? sha256Ha1Hex)
    {
        var md5 = md5Ha1Hex is null ? null : ParseHex(md5Ha1Hex, 32);
        var sha256 = sha256Ha1Hex is null ? null : ParseHex(sha256Ha1Hex, 64);
        if ((md5Ha1Hex is not null && md5 is null) || (sha256Ha1Hex is not null && sha256 is null) || (md5 is null && sha256 is null))
        {
            throw new ArgumentException("Expected a 32-hex-digit MD5 and/or 64-hex-digit SHA-256 HA1.");
        }

        return new DigestCredential(username, realm, null, md5, sha256);
    }

    /// <summary>
    /// Reads an operator's secret string (forms in the type remarks). Text starting with <c>md5:</c> or
    /// <c>sha256:</c> must be well-formed hashes; false otherwise, so a typo never becomes a password.
    /// </summary>
    public static bool TryParseSecret(string username, string realm, string secret, out DigestCredential? credential)
    {
        credential = null;
        if (secret.StartsWith("plain:", StringComparison.OrdinalIgnoreCase))
        {
            credential = FromPassword(username, realm, secret[6..]);
            return true;
        }

        if (!secret.StartsWith("md5:", StringComparison.OrdinalIgnoreCase)
            && !secret.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase))
        {
            credential = FromPassword(username, realm, secret);
            return true;
        }

        byte[]? md5 = null, sha256 = null;
        var text = secret.AsSpan();
        foreach (var range in text.Split(','))
        {
            var part = text[range].Trim();
            if (part.StartsWith("md5:", StringComparison.OrdinalIgnoreCase) && md5 is null)
            {
                md5 = ParseHex(part[4..], 32);
                if (md5 is null)
                {
                    return false;
                }
            }
            else if (part.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) && sha256 is null)
            {
                sha256 = ParseHex(part[7..], 64);
                if (sha256 is null)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        credential = new DigestCredential(username, realm, null, md5, sha256);
        return true;
    }

    /// <summary>True when a response with <paramref name="algorithm"/> can be checked against this credential.</summary>
    public bool CanVerify(DigestAlgorithm algorithm) =>
        _password is not null
        || (DigestAlgorithms.GetBase(algorithm) == DigestAlgorithm.Md5 ? _md5Ha1 : _sha256Ha1) is not null;

    /// <summary>Writes the plain (non-session) HA1 hex for the algorithm's hash family; false if not available.</summary>
    public bool TryGetHa1(DigestAlgorithm algorithm, Span<byte> hexDestination, out int written)
    {
        var stored = DigestAlgorithms.GetBase(algorithm) == DigestAlgorithm.Md5 ? _md5Ha1 : _sha256Ha1;
        if (stored is not null)
        {
            stored.CopyTo(hexDestination);
            written = stored.Length;
            return true;
        }

        if (_password is not null)
        {
            written = DigestComputation.ComputeHa1(algorithm, Username, Realm, _password, hexDestination);
            return true;
        }

        written = 0;
        return false;
    }

    // Stored as lowercase ASCII hex so verification copies bytes instead of re-encoding.
    private static byte[]? ParseHex(ReadOnlySpan<char> hex, int length)
    {
        hex = hex.Trim();
        if (hex.Length != length || hex.ContainsAnyExcept(s_hexDigits))
        {
            return null;
        }

        var bytes = new byte[length];
        Encoding.ASCII.GetBytes(hex, bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)char.ToLowerInvariant((char)bytes[i]);
        }

        return bytes;
    }
}

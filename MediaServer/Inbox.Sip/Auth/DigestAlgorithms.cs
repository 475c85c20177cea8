namespace Inbox.Sip.Auth;

/// <summary>Names, sizes and families of <see cref="DigestAlgorithm"/> values. Thread-safe (stateless).</summary>
internal static class DigestAlgorithms
{
    /// <summary>Hex length of the largest supported digest (SHA-256).</summary>
    public const int MaxHexLength = 64;

    public static string GetName(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => "MD5",
        DigestAlgorithm.Md5Sess => "MD5-sess",
        DigestAlgorithm.Sha256 => "SHA-256",
        DigestAlgorithm.Sha256Sess => "SHA-256-sess",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Parses an <c>algorithm</c> parameter value; names compare case-insensitively (RFC 7616 §3.3).</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out DigestAlgorithm algorithm)
    {
        if (name.Equals("MD5", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Md5;
        }
        else if (name.Equals("SHA-256", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Sha256;
        }
        else if (name.Equals("MD5-sess", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Md5Sess;
        }
        else if (name.Equals("SHA-256-sess", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Sha256Sess;
        }
        else
        {
            algorithm = default;
            return false;
        }

        return true;
    }

    public static bool IsSession(DigestAlgorithm algorithm) =>
        algorithm is DigestAlgorithm.Md5Sess or DigestAlgorithm.Sha256Sess;

    /// <summary>The hash family: <see cref="DigestAlgorithm.Md5"/> or <see cref="DigestAlgorithm.Sha256"/>.</summary>
    public static DigestAlgorithm GetBase(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5Sess => DigestAlgorithm.Md5,
        DigestAlgorithm.Sha256Sess => DigestAlgorithm.Sha256,
        _ => algorithm,
    };

    /// <summary>Length of the lowercase hex digest: 32 for MD5, 64 for SHA-256.</summary>
    public static int GetHexLength(DigestAlgorithm algorithm) =>
        GetBase(algorithm) == DigestAlgorithm.Md5 ? 32 : 64;
}

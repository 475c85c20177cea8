using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Inbox.Sip.Auth;

/// <summary>
/// The digest calculations of RFC 7616 §3.4.1–§3.4.3 (and the RFC 2069 form of RFC 2617 §3.2.2.1 when no qop is
/// used), writing lowercase hex as ASCII bytes into caller memory without allocating. Thread-safe (stateless).
/// </summary>
internal static class DigestComputation
{
    // Typical inputs (user, realm, nonce, URI) fit; longer ones fall back to a pooled buffer.
    private const int StackInputSize = 512;

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>Hashes <paramref name="input"/> and writes its lowercase hex; returns the hex length.</summary>
    [SuppressMessage("Security", "CA5351", Justification = "MD5 is mandated by RFC 3261 digest interop; SHA-256 is offered first (RFC 8760).")]
    public static int HashToHex(DigestAlgorithm algorithm, ReadOnlySpan<byte> input, Span<byte> hexDestination)
    {
        Span<byte> digest = stackalloc byte[32];
        var length = DigestAlgorithms.GetBase(algorithm) == DigestAlgorithm.Md5
            ? MD5.HashData(input, digest)
            : SHA256.HashData(input, digest);
        WriteHex(digest[..length], hexDestination);
        return length * 2;
    }

    public static void WriteHex(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = HexDigits[bytes[i] >> 4];
            destination[(2 * i) + 1] = HexDigits[bytes[i] & 0xF];
        }
    }

    /// <summary>HA1 = H(username ":" realm ":" password) for the algorithm's hash family (RFC 7616 §3.4.2).</summary>
    public static int ComputeHa1(
        DigestAlgorithm algorithm,
        ReadOnlySpan<char> username,
        ReadOnlySpan<char> realm,
        ReadOnlySpan<char> password,
        Span<byte> hexDestination)
    {
        var input = new DigestInputWriter(stackalloc byte[StackInputSize]);
        try
        {
            input.Append(username);
            input.AppendColon();
            input.Append(realm);
            input.AppendColon();
            input.Append(password);
            return HashToHex(algorithm, input.Written, hexDestination);
        }
        finally
        {
            input.Dispose();
        }
    }

    /// <summary>
    /// The <c>response</c> value (RFC 7616 §3.4.1) from the plain HA1 hex of the algorithm's hash family. For
    /// <c>-sess</c> algorithms HA1 becomes H(HA1 ":" nonce ":" cnonce). An empty <paramref name="qop"/> selects
    /// the RFC 2069 form H(HA1 ":" nonce ":" HA2), which ignores <paramref name="nonceCount"/> and
    /// <paramref name="cnonce"/>. Returns the hex length written.
    /// </summary>
    public static int ComputeResponse(
        DigestAlgorithm algorithm,
        scoped ReadOnlySpan<byte> ha1Hex,
        ReadOnlySpan<char> nonce,
        ReadOnlySpan<char> nonceCount,
        ReadOnlySpan<char> cnonce,
        ReadOnlySpan<char> qop,
        ReadOnlySpan<char> method,
        ReadOnlySpan<char> digestUri,
        Span<byte> hexDestination)
    {
        Span<byte> sessionHa1 = stackalloc byte[DigestAlgorithms.MaxHexLength];
        Span<byte> ha2 = stackalloc byte[DigestAlgorithms.MaxHexLength];
        var input = new DigestInputWriter(stackalloc byte[StackInputSize]);
        try
        {
            if (DigestAlgorithms.IsSession(algorithm))
            {
                input.Append(ha1Hex);
                input.AppendColon();
                input.Append(nonce);
                input.AppendColon();
                input.Append(cnonce);
                ha1Hex = sessionHa1[..HashToHex(algorithm, input.Written, sessionHa1)];
                input.Reset();
            }

            // RFC 7616 §3.4.3: HA2 = H(method ":" request-uri) for qop=auth or no qop.
            input.Append(method);
            input.AppendColon();
            input.Append(digestUri);
            var ha2Length = HashToHex(algorithm, input.Written, ha2);
            input.Reset();

            input.Append(ha1Hex);
            input.AppendColon();
            input.Append(nonce);
            input.AppendColon();
            if (!qop.IsEmpty)
            {
                input.Append(nonceCount);
                input.AppendColon();
                input.Append(cnonce);
                input.AppendColon();
                input.Append(qop);
                input.AppendColon();
            }

            input.Append(ha2[..ha2Length]);
            return HashToHex(algorithm, input.Written, hexDestination);
        }
        finally
        {
            input.Dispose();
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Inbox.Sip.Messages;

namespace Inbox.Sip.Auth;

/// <summary>
/// Client side of SIP digest authentication: answers a 401/407 challenge with an <c>Authorization</c> or
/// <c>Proxy-Authorization</c> value (RFC 3261 §22.2–§22.3, RFC 7616 §3.4). Used to register to trunks.
/// Thread-safe (stateless); the caller keeps the nonce-count per nonce.
/// </summary>
internal static class DigestClient
{
    /// <summary>
    /// Picks the challenge to answer from a response's challenge header values: the topmost one with a
    /// supported algorithm and qop, since the server lists them in its order of preference (RFC 8760 §2.4).
    /// Values that fail to parse, or use another scheme, are skipped.
    /// </summary>
    public static bool TrySelectChallenge(IReadOnlyList<string> headerValues, out DigestChallenge? challenge)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        for (var i = 0; i < headerValues.Count; i++)
        {
            if (DigestChallenge.TryParse(headerValues[i], out challenge) && challenge is { IsSupported: true })
            {
                return true;
            }
        }

        challenge = null;
        return false;
    }

    /// <summary>
    /// Builds the credentials value for a request. With a qop list containing <c>auth</c> the response uses
    /// qop=auth, <paramref name="nonceCount"/> and a cnonce; without qop it uses the RFC 2069 form.
    /// </summary>
    /// <param name="digestUri">The Request-URI of the request being authorised.</param>
    /// <param name="nonceCount">1 for the first request with this nonce, then incremented (RFC 7616 §3.4).</param>
    /// <param name="cnonce">The client nonce; default null draws 16 random bytes as hex.</param>
    /// <exception cref="NotSupportedException">The challenge is not <see cref="DigestChallenge.IsSupported"/>.</exception>
    public static string CreateAuthorization(
        DigestChallenge challenge,
        string username,
        string password,
        string method,
        string digestUri,
        uint nonceCount = 1,
        string? cnonce = null)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(digestUri);
        if (!challenge.IsSupported || challenge.Algorithm is not { } algorithm)
        {
            throw new NotSupportedException($"Digest challenge with algorithm {challenge.AlgorithmName} and qop {challenge.QopOptions} is not supported.");
        }

        var useQop = challenge.OffersQopAuth;
        cnonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);

        Span<byte> ha1 = stackalloc byte[DigestAlgorithms.MaxHexLength];
        var ha1Length = DigestComputation.ComputeHa1(algorithm, username, challenge.Realm, password, ha1);
        Span<byte> response = stackalloc byte[DigestAlgorithms.MaxHexLength];
        var responseLength = DigestComputation.ComputeResponse(
            algorithm,
            ha1[..ha1Length],
            challenge.Nonce,
            useQop ? nc : default,
            cnonce,
            useQop ? "auth" : default,
            method,
            digestUri,
            response);

        var builder = new StringBuilder(256)
            .Append("Digest username=").Append(SipText.Quote(challenge.UserHash ? HashUsername(algorithm, username, challenge.Realm) : username))
            .Append(", realm=").Append(SipText.Quote(challenge.Realm))
            .Append(", nonce=").Append(SipText.Quote(challenge.Nonce))
            .Append(", uri=").Append(SipText.Quote(digestUri))
            .Append(", response=\"").Append(Encoding.ASCII.GetString(response[..responseLength])).Append('"')
            .Append(", algorithm=").Append(DigestAlgorithms.GetName(algorithm));
        if (useQop || DigestAlgorithms.IsSession(algorithm))
        {
            builder.Append(", cnonce=").Append(SipText.Quote(cnonce));
        }

        if (challenge.Opaque is not null)
        {
            builder.Append(", opaque=").Append(SipText.Quote(challenge.Opaque));
        }

        if (useQop)
        {
            builder.Append(", qop=auth, nc=").Append(nc);
        }

        if (challenge.UserHash)
        {
            builder.Append(", userhash=true");
        }

        return builder.ToString();
    }

    // RFC 7616 §3.4.4: username = H(unq(username) ":" unq(realm)).
    private static string HashUsername(DigestAlgorithm algorithm, string username, string realm)
    {
        Span<byte> hex = stackalloc byte[DigestAlgorithms.MaxHexLength];
        var input = new DigestInputWriter(stackalloc byte[256]);
        try
        {
            input.Append(username);
            input.AppendColon();
            input.Append(realm);
            return Encoding.ASCII.GetString(hex[..DigestComputation.HashToHex(algorithm, input.Written, hex)]);
        }
        finally
        {
            input.Dispose();
        }
    }
}

using System.Security.Cryptography;
using Inbox.Sip.Messages;
using Microsoft.Extensions.Options;

namespace Inbox.Sip.Auth;

/// <summary>
/// Server side of SIP digest authentication (RFC 3261 §22.4, RFC 7616, RFC 8760): builds challenges and
/// verifies <c>Authorization</c>/<c>Proxy-Authorization</c> values. Thread-safe: one instance serves all
/// transactions concurrently. Logs nothing; callers map the result to 401/407/403.
/// </summary>
/// <remarks>
/// A nonce that is authentic but expired yields <see cref="DigestVerificationStatus.Stale"/> only when the
/// response is otherwise correct (RFC 7616 §3.3), so a stale re-challenge never confirms a guessed password.
/// The opaque value is a random per-instance token echoed by clients; it carries no security (the nonce is
/// self-authenticating) and is not checked.
/// </remarks>
internal sealed class DigestAuthenticator
{
    private readonly IDigestCredentialStore _store;
    private readonly DigestNonceIssuer _nonces;
    private readonly DigestNonceCountTracker _nonceCounts;
    private readonly DigestAlgorithm[] _algorithms;
    private readonly bool _requireQop;

    public DigestAuthenticator(IOptions<DigestAuthOptions> options, IDigestCredentialStore store, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        var settings = options.Value;
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.Realm, "options.Realm");
        _store = store;
        _nonces = new DigestNonceIssuer(settings.NonceKey ?? RandomNumberGenerator.GetBytes(32), settings.NonceLifetime, timeProvider);
        _nonceCounts = new DigestNonceCountTracker(_nonces, settings.MaxTrackedNonces);
        _algorithms = settings.Algorithms.Count == 0 ? [DigestAlgorithm.Sha256, DigestAlgorithm.Md5] : [.. settings.Algorithms];
        _requireQop = settings.RequireQop;
        Realm = settings.Realm;
        Opaque = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
    }

    public string Realm { get; }

    public string Opaque { get; }

    /// <summary>
    /// The <c>WWW-Authenticate</c>/<c>Proxy-Authenticate</c> values to send, one per offered algorithm in
    /// preference order (RFC 8760 §2.4: SHA-256 first, MD5 second by default), sharing one fresh nonce.
    /// </summary>
    /// <param name="stale">Adds <c>stale=true</c>, after a <see cref="DigestVerificationStatus.Stale"/> result.</param>
    /// <param name="credential">
    /// When the caller already knows the user's credential (a re-challenge, or a lookup from the To header),
    /// only the algorithms that credential can verify are offered, so a client never picks SHA-256 against an
    /// MD5-only HA1. When null, or when the credential can verify none of them, every offered algorithm is sent:
    /// a client choosing one the credential cannot verify then gets <see cref="DigestFailureReason.AlgorithmNotConfigured"/>.
    /// </param>
    public IReadOnlyList<string> CreateChallenges(bool stale = false, DigestCredential? credential = null)
    {
        var nonce = _nonces.Create();
        var challenges = new List<string>(_algorithms.Length);
        foreach (var algorithm in _algorithms)
        {
            if (credential is null || credential.CanVerify(algorithm))
            {
                challenges.Add(FormatChallenge(algorithm, nonce, stale));
            }
        }

        if (challenges.Count == 0)
        {
            foreach (var algorithm in _algorithms)
            {
                challenges.Add(FormatChallenge(algorithm, nonce, stale));
            }
        }

        return challenges;
    }

    /// <summary>
    /// Parses and verifies a credentials header value for a request. The store is consulted only when the
    /// header is well-formed and acceptable. Completes synchronously with a synchronous store.
    /// </summary>
    /// <param name="requestUri">When not null, the digest-uri must equal it (ordinal); null skips the check.</param>
    public async ValueTask<DigestVerificationResult> VerifyAsync(
        string headerValue,
        string method,
        string? requestUri = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        if (!DigestAuthorization.TryParse(headerValue, out var authorization) || authorization is null)
        {
            return DigestVerificationResult.Malformed;
        }

        var reason = CheckParameters(authorization, requestUri);
        if (reason != DigestFailureReason.None)
        {
            return DigestVerificationResult.Failed(reason, authorization.Username);
        }

        var credential = await _store.FindAsync(authorization.Username, authorization.Realm, cancellationToken).ConfigureAwait(false);
        return credential is null
            ? new(DigestVerificationStatus.UnknownUser, DigestFailureReason.None, authorization.Username)
            : Verify(authorization, credential, method, requestUri);
    }

    /// <summary>Verifies parsed credentials against a known credential. Does not allocate.</summary>
    public DigestVerificationResult Verify(
        DigestAuthorization authorization,
        DigestCredential credential,
        string method,
        string? requestUri = null)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(method);
        var username = authorization.Username;
        var reason = CheckParameters(authorization, requestUri);
        if (reason != DigestFailureReason.None)
        {
            return DigestVerificationResult.Failed(reason, username);
        }

        var nonceStatus = _nonces.Validate(authorization.Nonce, out var issuedAt);
        if (nonceStatus == DigestNonceStatus.Invalid)
        {
            return DigestVerificationResult.Failed(DigestFailureReason.InvalidNonce, username);
        }

        var algorithm = authorization.Algorithm.GetValueOrDefault();
        Span<byte> ha1 = stackalloc byte[DigestAlgorithms.MaxHexLength];
        if (!credential.TryGetHa1(algorithm, ha1, out var ha1Length))
        {
            return DigestVerificationResult.Failed(DigestFailureReason.AlgorithmNotConfigured, username);
        }

        Span<byte> expected = stackalloc byte[DigestAlgorithms.MaxHexLength];
        var length = DigestComputation.ComputeResponse(
            algorithm,
            ha1[..ha1Length],
            authorization.Nonce,
            authorization.NonceCountText,
            authorization.Cnonce,
            authorization.Qop,
            method,
            authorization.Uri,
            expected);
        if (!ResponseMatches(authorization.Response, expected[..length]))
        {
            return DigestVerificationResult.Failed(DigestFailureReason.WrongResponse, username);
        }

        if (nonceStatus == DigestNonceStatus.Expired)
        {
            return new(DigestVerificationStatus.Stale, DigestFailureReason.None, username);
        }

        if (authorization.Qop is not null && !_nonceCounts.TryAccept(authorization.Nonce, authorization.NonceCount, issuedAt))
        {
            return DigestVerificationResult.Failed(DigestFailureReason.NonceCountReplayed, username);
        }

        return new(DigestVerificationStatus.Success, DigestFailureReason.None, username);
    }

    private DigestFailureReason CheckParameters(DigestAuthorization authorization, string? requestUri)
    {
        if (!string.Equals(authorization.Realm, Realm, StringComparison.Ordinal))
        {
            return DigestFailureReason.RealmMismatch;
        }

        if (authorization.Algorithm is not { } algorithm || Array.IndexOf(_algorithms, algorithm) < 0)
        {
            return DigestFailureReason.UnsupportedAlgorithm;
        }

        if (authorization.Qop is null
            ? _requireQop
            : !authorization.Qop.Equals("auth", StringComparison.OrdinalIgnoreCase))
        {
            return DigestFailureReason.UnsupportedQop;
        }

        if (authorization.UserHash)
        {
            return DigestFailureReason.UnsupportedUserHash;
        }

        return requestUri is not null && !string.Equals(authorization.Uri, requestUri, StringComparison.Ordinal)
            ? DigestFailureReason.UriMismatch
            : DigestFailureReason.None;
    }

    // Hex digits compare case-insensitively; the comparison itself is constant-time (RFC 7616 §5.12 timing).
    private static bool ResponseMatches(string response, ReadOnlySpan<byte> expected)
    {
        if (response.Length != expected.Length)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[DigestAlgorithms.MaxHexLength];
        for (var i = 0; i < response.Length; i++)
        {
            var c = response[i];
            actual[i] = c is >= 'A' and <= 'F' ? (byte)(c + 32) : (byte)c;
        }

        return CryptographicOperations.FixedTimeEquals(actual[..expected.Length], expected);
    }

    private string FormatChallenge(DigestAlgorithm algorithm, string nonce, bool stale) =>
        string.Concat(
            "Digest realm=",
            SipText.Quote(Realm),
            ", nonce=\"",
            nonce,
            "\", opaque=\"",
            Opaque,
            "\", algorithm=",
            DigestAlgorithms.GetName(algorithm),
            stale ? ", qop=\"auth\", stale=true" : ", qop=\"auth\"");
}

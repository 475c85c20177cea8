namespace Inbox.Sip.Auth;

/// <summary>
/// The parsed value of a <c>WWW-Authenticate</c> or <c>Proxy-Authenticate</c> Digest challenge
/// (RFC 3261 §22.4, RFC 7616 §3.3), as a client sees it. Immutable and thread-safe once parsed.
/// </summary>
internal sealed class DigestChallenge
{
    private DigestChallenge(string realm, string nonce)
    {
        Realm = realm;
        Nonce = nonce;
    }

    public string Realm { get; }

    public string Nonce { get; }

    public string? Opaque { get; private init; }

    /// <summary>The <c>algorithm</c> name as sent; <c>MD5</c> when absent (RFC 7616 §3.3).</summary>
    public string AlgorithmName { get; private init; } = "MD5";

    /// <summary>The parsed algorithm, or null when <see cref="AlgorithmName"/> is not supported here.</summary>
    public DigestAlgorithm? Algorithm { get; private init; } = DigestAlgorithm.Md5;

    /// <summary>The raw <c>qop</c> option list (for example <c>auth,auth-int</c>), or null when absent.</summary>
    public string? QopOptions { get; private init; }

    /// <summary>True when the server said <c>stale=true</c>: retry with the new nonce, without prompting.</summary>
    public bool Stale { get; private init; }

    /// <summary>True when the server asked for <c>userhash=true</c> (RFC 7616 §3.4.4).</summary>
    public bool UserHash { get; private init; }

    /// <summary>True when <see cref="QopOptions"/> lists <c>auth</c>.</summary>
    public bool OffersQopAuth => QopOptions is not null && ContainsOption(QopOptions, "auth");

    /// <summary>
    /// True when a response can be built here: a supported algorithm, and either no qop (RFC 2069 form) or a qop
    /// list that includes <c>auth</c>.
    /// </summary>
    public bool IsSupported => Algorithm is not null && (QopOptions is null || OffersQopAuth);

    /// <summary>
    /// Parses a challenge such as <c>Digest realm="x", nonce="n", algorithm=SHA-256, qop="auth"</c>. Requires
    /// realm and nonce; unknown parameters (domain, charset, …) are ignored; duplicates are rejected.
    /// Returns false, never throws, on malformed input.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> value, out DigestChallenge? challenge)
    {
        challenge = null;
        if (!DigestParameterReader.TryCreate(value, out var reader))
        {
            return false;
        }

        string? realm = null, nonce = null, opaque = null, algorithm = null, qop = null, stale = null, userHash = null;
        while (reader.TryReadNext(out var name, out var raw, out var quoted))
        {
            var ok = name switch
            {
                _ when DigestParameterReader.Is(name, "realm") => DigestParameterReader.Store(ref realm, raw, quoted),
                _ when DigestParameterReader.Is(name, "nonce") => DigestParameterReader.Store(ref nonce, raw, quoted),
                _ when DigestParameterReader.Is(name, "opaque") => DigestParameterReader.Store(ref opaque, raw, quoted),
                _ when DigestParameterReader.Is(name, "algorithm") => DigestParameterReader.Store(ref algorithm, raw, quoted),
                _ when DigestParameterReader.Is(name, "qop") => DigestParameterReader.Store(ref qop, raw, quoted),
                _ when DigestParameterReader.Is(name, "stale") => DigestParameterReader.Store(ref stale, raw, quoted),
                _ when DigestParameterReader.Is(name, "userhash") => DigestParameterReader.Store(ref userHash, raw, quoted),
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }

        if (reader.IsMalformed || realm is null || string.IsNullOrEmpty(nonce))
        {
            return false;
        }

        DigestAlgorithm? parsed = DigestAlgorithm.Md5;
        if (algorithm is not null)
        {
            parsed = DigestAlgorithms.TryParse(algorithm, out var supported) ? supported : null;
        }

        challenge = new DigestChallenge(realm, nonce)
        {
            Opaque = opaque,
            AlgorithmName = algorithm ?? "MD5",
            Algorithm = parsed,
            QopOptions = qop,
            Stale = string.Equals(stale, "true", StringComparison.OrdinalIgnoreCase),
            UserHash = string.Equals(userHash, "true", StringComparison.OrdinalIgnoreCase),
        };
        return true;
    }


    private static bool ContainsOption(string list, string option)
    {
        foreach (var range in list.AsSpan().Split(','))
        {
            if (list.AsSpan()[range].Trim().Equals(option, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

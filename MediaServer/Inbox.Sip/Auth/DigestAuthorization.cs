using System.Globalization;

namespace Inbox.Sip.Auth;

/// <summary>
/// The parsed value of an <c>Authorization</c> or <c>Proxy-Authorization</c> header using the Digest scheme
/// (RFC 3261 §22.4, RFC 7616 §3.4). Immutable and thread-safe once parsed.
/// </summary>
internal sealed class DigestAuthorization
{
    private DigestAuthorization(string username, string realm, string nonce, string uri, string response)
    {
        Username = username;
        Realm = realm;
        Nonce = nonce;
        Uri = uri;
        Response = response;
    }

    public string Username { get; }

    public string Realm { get; }

    public string Nonce { get; }

    /// <summary>The <c>uri</c> (digest-uri) the client hashed: normally the Request-URI.</summary>
    public string Uri { get; }

    /// <summary>The client's response digest in hex as sent (case not normalised).</summary>
    public string Response { get; }

    /// <summary>The <c>algorithm</c> name as sent; <c>MD5</c> when absent (RFC 7616 §3.3).</summary>
    public string AlgorithmName { get; private init; } = "MD5";

    /// <summary>The parsed algorithm, or null when <see cref="AlgorithmName"/> is not supported here.</summary>
    public DigestAlgorithm? Algorithm { get; private init; } = DigestAlgorithm.Md5;

    public string? Cnonce { get; private init; }

    /// <summary>The <c>qop</c> the client chose, or null for the RFC 2069 form.</summary>
    public string? Qop { get; private init; }

    /// <summary>The <c>nc</c> parameter as its 8 hex digits, or null when absent.</summary>
    public string? NonceCountText { get; private init; }

    /// <summary>The <c>nc</c> parameter's value; 0 when absent.</summary>
    public uint NonceCount { get; private init; }

    public string? Opaque { get; private init; }

    /// <summary>True when the client sent <c>userhash=true</c> (RFC 7616 §3.4.4).</summary>
    public bool UserHash { get; private init; }

    /// <summary>
    /// Parses a header value such as <c>Digest username="bob", realm="x", nonce="n", uri="sip:x", response="…"</c>.
    /// Requires username, realm, nonce, uri and response; cnonce and an 8-hex-digit nc when qop is present.
    /// Rejects duplicate parameters and <c>username*</c> (RFC 7616 §3.4.4 extended notation, not used in SIP).
    /// Unknown parameters are ignored (auth-param). Returns false, never throws, on malformed input.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> value, out DigestAuthorization? authorization)
    {
        authorization = null;
        if (!DigestParameterReader.TryCreate(value, out var reader))
        {
            return false;
        }

        string? username = null, realm = null, nonce = null, uri = null, response = null;
        string? algorithm = null, cnonce = null, qop = null, nc = null, opaque = null, userHash = null;
        while (reader.TryReadNext(out var name, out var raw, out var quoted))
        {
            var ok = name switch
            {
                _ when DigestParameterReader.Is(name, "username") => DigestParameterReader.Store(ref username, raw, quoted),
                _ when DigestParameterReader.Is(name, "realm") => DigestParameterReader.Store(ref realm, raw, quoted),
                _ when DigestParameterReader.Is(name, "nonce") => DigestParameterReader.Store(ref nonce, raw, quoted),
                _ when DigestParameterReader.Is(name, "uri") => DigestParameterReader.Store(ref uri, raw, quoted),
                _ when DigestParameterReader.Is(name, "response") => DigestParameterReader.Store(ref response, raw, quoted),
                _ when DigestParameterReader.Is(name, "algorithm") => DigestParameterReader.Store(ref algorithm, raw, quoted),
                _ when DigestParameterReader.Is(name, "cnonce") => DigestParameterReader.Store(ref cnonce, raw, quoted),
                _ when DigestParameterReader.Is(name, "qop") => DigestParameterReader.Store(ref qop, raw, quoted),
                _ when DigestParameterReader.Is(name, "nc") => DigestParameterReader.Store(ref nc, raw, quoted),
                _ when DigestParameterReader.Is(name, "opaque") => DigestParameterReader.Store(ref opaque, raw, quoted),
                _ when DigestParameterReader.Is(name, "userhash") => DigestParameterReader.Store(ref userHash, raw, quoted),
                _ when DigestParameterReader.Is(name, "username*") => false,
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }

        if (reader.IsMalformed || username is null || realm is null || nonce is null || uri is null
            || string.IsNullOrEmpty(response) || nonce.Length == 0)
        {
            return false;
        }

        uint count = 0;
        if (qop is not null && (cnonce is null || nc is null))
        {
            return false;
        }

        // RFC 7616 §3.4: nc is exactly 8 hex digits.
        if (nc is not null
            && (nc.Length != 8 || !uint.TryParse(nc, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out count)))
        {
            return false;
        }

        DigestAlgorithm? parsed = DigestAlgorithm.Md5;
        if (algorithm is not null)
        {
            parsed = DigestAlgorithms.TryParse(algorithm, out var known) ? known : null;
        }

        authorization = new DigestAuthorization(username, realm, nonce, uri, response)
        {
            AlgorithmName = algorithm ?? "MD5",
            Algorithm = parsed,
            Cnonce = cnonce,
            Qop = qop,
            NonceCountText = nc,
            NonceCount = count,
            Opaque = opaque,
            UserHash = string.Equals(userHash, "true", StringComparison.OrdinalIgnoreCase),
        };
        return true;
    }
}

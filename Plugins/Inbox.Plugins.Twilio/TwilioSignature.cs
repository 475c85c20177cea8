using System.Security.Cryptography;
using System.Text;

namespace Inbox.Plugins.Twilio;

/// <summary>
/// Twilio's request signature (X-Twilio-Signature): Base64(HMAC-SHA1(auth token, the URL Twilio called followed by
/// every POST parameter, sorted by name, as name and value with no separator)). Thread-safe.
/// </summary>
internal sealed class TwilioSignature(string authToken)
{
    public const string Header = "X-Twilio-Signature";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(authToken);

    public string Compute(string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var signed = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            signed.Append(name).Append(value);
        }

        // SHA-1 is Twilio's choice, not ours: its webhooks are signed with nothing else.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(_key, Encoding.UTF8.GetBytes(signed.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>
    /// Whether <paramref name="signature"/> signs the request. Twilio signs the URL as configured, which may or may
    /// not spell out the scheme's default port while the server sees it the other way; both spellings are tried,
    /// as Twilio's own helper libraries do. Compared in constant time.
    /// </summary>
    public bool IsValid(string? signature, string url, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var given = Encoding.ASCII.GetBytes(signature);
        var valid = false;
        foreach (var candidate in Spellings(url))
        {
            // No early exit: each spelling costs the same whether or not an earlier one matched.
            valid |= CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(Compute(candidate, parameters)));
        }

        return valid;
    }

    private static IEnumerable<string> Spellings(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsDefaultPort)
        {
            yield break;
        }

        var afterScheme = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var pathStart = url.IndexOf('/', afterScheme);
        var authority = url[afterScheme..(pathStart < 0 ? url.Length : pathStart)];
        var rest = pathStart < 0 ? string.Empty : url[pathStart..];

        // An IPv6 host has colons of its own: a port is a colon after its closing bracket.
        var hasPort = authority.IndexOf(':', authority.LastIndexOf(']') + 1) >= 0;
        yield return hasPort ? $"{uri.Scheme}://{uri.Authority}{rest}" : $"{uri.Scheme}://{uri.Authority}:{uri.Port}{rest}";
    }
}

using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Inbox.Plugins.Email;

/// <summary>
/// Which server certificates the channel accepts: those the system trusts for the host name, plus certificates pinned
/// by their SHA-256 fingerprint and those issued (for the right name) by configured private CAs. Nothing else: a
/// mail server with a self-signed certificate is trusted by pinning it, never by turning the check off.
/// </summary>
internal sealed class CertificateTrust
{
    private readonly IReadOnlyList<byte[]> _pinnedSha256;
    private readonly X509Certificate2Collection _authorities;

    private CertificateTrust(IReadOnlyList<byte[]> pinnedSha256, X509Certificate2Collection authorities)
    {
        _pinnedSha256 = pinnedSha256;
        _authorities = authorities;
    }

    /// <param name="pinnedSha256">Hex fingerprints, comma-separated; colons and spaces between bytes are allowed (as openssl prints them).</param>
    /// <param name="caFile">A PEM file of CA certificates.</param>
    public static CertificateTrust Create(string? pinnedSha256, string? caFile)
    {
        var pins = (pinnedSha256 ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pin => Convert.FromHexString(pin.Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal)))
            .ToList();
        var authorities = new X509Certificate2Collection();
        if (caFile is not null)
        {
            authorities.ImportFromPemFile(caFile);
        }

        return new CertificateTrust(pins, authorities);
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null)
        {
            return false;
        }

        var fingerprint = certificate.GetCertHash(HashAlgorithmName.SHA256);
        if (_pinnedSha256.Any(pin => pin.AsSpan().SequenceEqual(fingerprint)))
        {
            return true;
        }

        return errors == SslPolicyErrors.RemoteCertificateChainErrors && _authorities.Count > 0 && IssuedByTrustedAuthority(certificate, chain);
    }

    private bool IssuedByTrustedAuthority(X509Certificate certificate, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);

        // Private CAs rarely publish revocation lists, and a missing one would fail every connection.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}

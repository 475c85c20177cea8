using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Inbox.Sip.Auth;

/// <summary>
/// Creates and checks stateless, unforgeable nonces (RFC 7616 §3.3 and §5.4):
/// <c>base64url(timestamp ‖ random ‖ HMAC-SHA256(key, timestamp ‖ random)[0..16])</c>, where timestamp is
/// the issue time in Unix milliseconds (8 bytes, big-endian) and random is 8 bytes. The nonce is 43 characters.
/// Thread-safe: the key is immutable and every call works on the stack.
/// </summary>
internal sealed class DigestNonceIssuer
{
    /// <summary>Length in characters of every nonce this issuer creates.</summary>
    public const int NonceLength = 43;

    private const int PayloadLength = 16;
    private const int MacLength = 16; // HMAC-SHA256 truncated to 128 bits (NIST SP 800-107 §5.3.3)
    private const int RawLength = PayloadLength + MacLength;

    private static readonly SearchValues<char> s_alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;
    private readonly long _lifetimeMilliseconds;

    /// <param name="key">The HMAC key, at least 16 bytes; copied.</param>
    /// <param name="lifetime">How long a nonce stays <see cref="DigestNonceStatus.Valid"/>.</param>
    public DigestNonceIssuer(ReadOnlySpan<byte> key, TimeSpan lifetime, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(key.Length, 16, nameof(key));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        _key = key.ToArray();
        _timeProvider = timeProvider;
        _lifetimeMilliseconds = (long)lifetime.TotalMilliseconds;
    }

    public TimeSpan Lifetime => TimeSpan.FromMilliseconds(_lifetimeMilliseconds);

    /// <summary>Creates a fresh nonce stamped with the current time.</summary>
    public string Create()
    {
        Span<byte> raw = stackalloc byte[RawLength];
        BinaryPrimitives.WriteInt64BigEndian(raw, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(raw[8..PayloadLength]);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, raw[..PayloadLength], mac);
        mac[..MacLength].CopyTo(raw[PayloadLength..]);
        return Base64Url.EncodeToString(raw);
    }

    /// <summary>
    /// Checks a nonce's MAC (in constant time) and age. <paramref name="issuedAtMilliseconds"/> is the Unix time
    /// it was issued when not <see cref="DigestNonceStatus.Invalid"/>.
    /// </summary>
    public DigestNonceStatus Validate(ReadOnlySpan<char> nonce, out long issuedAtMilliseconds)
    {
        issuedAtMilliseconds = 0;
        Span<byte> raw = stackalloc byte[RawLength];
        // TryDecodeFromChars throws on characters outside the alphabet; the OperationStatus overload does not.
        if (nonce.Length != NonceLength
            || nonce.ContainsAnyExcept(s_alphabet)
            || Base64Url.DecodeFromChars(nonce, raw, out _, out var written) != OperationStatus.Done
            || written != RawLength)
        {
            return DigestNonceStatus.Invalid;
        }

        // Decoders ignore whitespace and unused trailing bits; one nonce must have one spelling, since the
        // nonce-count table is keyed by the text.
        Span<char> canonical = stackalloc char[NonceLength];
        if (Base64Url.EncodeToChars(raw, canonical) != NonceLength || !canonical.SequenceEqual(nonce))
        {
            return DigestNonceStatus.Invalid;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, raw[..PayloadLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], raw[PayloadLength..]))
        {
            return DigestNonceStatus.Invalid;
        }

        issuedAtMilliseconds = BinaryPrimitives.ReadInt64BigEndian(raw);
        return IsExpired(issuedAtMilliseconds) ? DigestNonceStatus.Expired : DigestNonceStatus.Valid;
    }

    /// <summary>True when a nonce issued at that Unix time is past its lifetime now.</summary>
    public bool IsExpired(long issuedAtMilliseconds) =>
        _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() - issuedAtMilliseconds > _lifetimeMilliseconds;
}

using Inbox.Sip.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Sip.Tests.Auth;

public sealed class DigestNonceIssuerTests
{
    private static readonly byte[] s_key = new byte[32];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Create_TwoNonces_AreDistinctUrlSafeAndFixedLength()
    {
        var issuer = new DigestNonceIssuer(s_key, TimeSpan.FromMinutes(5), _time);

        var first = issuer.Create();
        var second = issuer.Create();

        Assert.NotEqual(first, second);
        Assert.Equal(DigestNonceIssuer.NonceLength, first.Length);
        Assert.DoesNotContain('"', first);
        Assert.DoesNotContain('+', first);
        Assert.DoesNotContain('/', first);
    }

    [Fact]
    public void Validate_FreshNonce_IsValidWithIssueTime()
    {
        var issuer = new DigestNonceIssuer(s_key, TimeSpan.FromMinutes(5), _time);
        var nonce = issuer.Create();

        var status = issuer.Validate(nonce, out var issuedAt);

        Assert.Equal(DigestNonceStatus.Valid, status);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), issuedAt);
    }

    [Fact]
    public void Validate_AfterConfiguredLifetime_IsExpired()
    {
        var issuer = new DigestNonceIssuer(s_key, TimeSpan.FromSeconds(30), _time);
        var nonce = issuer.Create();
        _time.Advance(TimeSpan.FromSeconds(31));

        var status = issuer.Validate(nonce, out _);

        Assert.Equal(DigestNonceStatus.Expired, status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public void Validate_ForeignText_IsInvalid(string nonce)
    {
        var issuer = new DigestNonceIssuer(s_key, TimeSpan.FromMinutes(5), _time);

        var status = issuer.Validate(nonce, out _);

        Assert.Equal(DigestNonceStatus.Invalid, status);
    }

    [Fact]
    public void Validate_OtherKey_IsInvalid()
    {
        var nonce = new DigestNonceIssuer(new byte[32], TimeSpan.FromMinutes(5), _time).Create();
        var other = new DigestNonceIssuer(Enumerable.Repeat((byte)1, 32).ToArray(), TimeSpan.FromMinutes(5), _time);

        var status = other.Validate(nonce, out _);

        Assert.Equal(DigestNonceStatus.Invalid, status);
    }
}

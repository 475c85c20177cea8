using Inbox.Sip.Auth;

namespace Inbox.Sip.Tests.Auth;

public sealed class DigestAuthorizationTests
{
    private const string Minimal = "Digest username=\"bob\", realm=\"inbox.test\", nonce=\"abc\", uri=\"sip:inbox.test\", response=\"0123\"";

    [Fact]
    public void TryParse_MinimalRfc2069Form_DefaultsToMd5WithoutQop()
    {
        var ok = DigestAuthorization.TryParse(Minimal, out var parsed);

        Assert.True(ok);
        Assert.Equal("bob", parsed!.Username);
        Assert.Equal("sip:inbox.test", parsed.Uri);
        Assert.Equal(DigestAlgorithm.Md5, parsed.Algorithm);
        Assert.Equal("MD5", parsed.AlgorithmName);
        Assert.Null(parsed.Qop);
        Assert.Equal(0u, parsed.NonceCount);
    }

    [Fact]
    public void TryParse_ExtraWhitespaceCaseAndEmptyElements_Parses()
    {
        var value = "  digest   USERNAME = \"bob\" ,, realm=\"inbox.test\"\t,nonce= \"abc\",uri=\"sip:inbox.test\"," +
            "response=\"0123\", Algorithm = sha-256 , QOP=\"auth\", nc=0000000A, cnonce=xyz, foo=bar ,";

        var ok = DigestAuthorization.TryParse(value, out var parsed);

        Assert.True(ok);
        Assert.Equal(DigestAlgorithm.Sha256, parsed!.Algorithm);
        Assert.Equal("auth", parsed.Qop);
        Assert.Equal(10u, parsed.NonceCount);
        Assert.Equal("xyz", parsed.Cnonce);
    }

    [Fact]
    public void TryParse_QuotedPairsInUsername_AreUnescaped()
    {
        var value = "Digest username=\"b\\\"o\\\\b, jr\", realm=\"inbox.test\", nonce=\"abc\", uri=\"sip:x\", response=\"01\"";

        var ok = DigestAuthorization.TryParse(value, out var parsed);

        Assert.True(ok);
        Assert.Equal("b\"o\\b, jr", parsed!.Username);
    }

    [Fact]
    public void TryParse_UnknownAlgorithm_ParsesWithNullAlgorithm()
    {
        var ok = DigestAuthorization.TryParse(Minimal + ", algorithm=SHA-512-256", out var parsed);

        Assert.True(ok);
        Assert.Null(parsed!.Algorithm);
        Assert.Equal("SHA-512-256", parsed.AlgorithmName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Digest")]
    [InlineData("Digest ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Digestusername=\"bob\"")]
    [InlineData("Digest username=\"bob\", realm=\"inbox.test\", nonce=\"abc\", uri=\"sip:x\"")]
    [InlineData("Digest username=\"bob\", realm=\"inbox.test\", nonce=\"abc\", uri=\"sip:x\", response=\"\"")]
    [InlineData("Digest username=\"bob, realm=\"inbox.test\", nonce=\"abc\", uri=\"sip:x\", response=\"01\"")]
    [InlineData("Digest username=\"bob\" realm=\"inbox.test\", nonce=\"abc\", uri=\"sip:x\", response=\"01\"")]
    [InlineData("Digest username=\"bob\", username=\"eve\", realm=\"r\", nonce=\"abc\", uri=\"sip:x\", response=\"01\"")]
    [InlineData("Digest username=, realm=\"r\", nonce=\"abc\", uri=\"sip:x\", response=\"01\"")]
    [InlineData("Digest =\"bob\", realm=\"r\", nonce=\"abc\", uri=\"sip:x\", response=\"01\"")]
    [InlineData("Digest username*=UTF-8''bob, realm=\"r\", nonce=\"abc\", uri=\"sip:x\", response=\"01\"")]
    public void TryParse_MalformedValue_ReturnsFalse(string value)
    {
        var ok = DigestAuthorization.TryParse(value, out var parsed);

        Assert.False(ok);
        Assert.Null(parsed);
    }

    [Theory]
    [InlineData(", qop=auth, cnonce=\"c\"")]
    [InlineData(", qop=auth, nc=00000001")]
    [InlineData(", qop=auth, cnonce=\"c\", nc=1")]
    [InlineData(", qop=auth, cnonce=\"c\", nc=0000000g")]
    [InlineData(", qop=auth, cnonce=\"c\", nc=000000001")]
    public void TryParse_QopWithBadCnonceOrNc_ReturnsFalse(string suffix)
    {
        var ok = DigestAuthorization.TryParse(Minimal + suffix, out _);

        Assert.False(ok);
    }

    [Fact]
    public void TryParse_EveryTruncationAndByteFlip_NeverThrows()
    {
        const string Full = "Digest username=\"b\\\"ob\", realm=\"inbox.test\", nonce=\"abc\", uri=\"sip:inbox.test\", " +
            "response=\"0123\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"c\", opaque=\"o\"";
        var parsedCount = 0;

        for (var length = 0; length <= Full.Length; length++)
        {
            parsedCount += DigestAuthorization.TryParse(Full.AsSpan(0, length), out _) ? 1 : 0;
            var flipped = Full.ToCharArray();
            if (length < Full.Length)
            {
                flipped[length] = (char)(flipped[length] ^ 0x5A);
            }

            parsedCount += DigestAuthorization.TryParse(flipped, out _) ? 1 : 0;
        }

        Assert.InRange(parsedCount, 1, 2 * (Full.Length + 1));
    }
}

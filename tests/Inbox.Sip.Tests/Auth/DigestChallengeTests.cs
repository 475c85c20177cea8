using Inbox.Sip.Auth;

namespace Inbox.Sip.Tests.Auth;

public sealed class DigestChallengeTests
{
    [Fact]
    public void TryParse_FullChallenge_ReadsEveryParameter()
    {
        var value = "Digest realm=\"inbox.test\", domain=\"sip:inbox.test\", nonce=\"n1\", opaque=\"o1\", " +
            "stale=TRUE, algorithm=SHA-256-sess, qop=\"auth-int, auth\"";

        var ok = DigestChallenge.TryParse(value, out var challenge);

        Assert.True(ok);
        Assert.Equal("inbox.test", challenge!.Realm);
        Assert.Equal("n1", challenge.Nonce);
        Assert.Equal("o1", challenge.Opaque);
        Assert.True(challenge.Stale);
        Assert.Equal(DigestAlgorithm.Sha256Sess, challenge.Algorithm);
        Assert.True(challenge.OffersQopAuth);
        Assert.True(challenge.IsSupported);
    }

    [Theory]
    [InlineData("Digest nonce=\"n\"")]
    [InlineData("Digest realm=\"r\"")]
    [InlineData("Digest realm=\"r\", nonce=\"\"")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", nonce=\"m\"")]
    [InlineData("Digest realm=\"r, nonce=\"n\"")]
    [InlineData("Bearer realm=\"r\"")]
    public void TryParse_MalformedChallenge_ReturnsFalse(string value)
    {
        var ok = DigestChallenge.TryParse(value, out _);

        Assert.False(ok);
    }

    [Fact]
    public void TrySelectChallenge_UnsupportedFirst_PicksTopmostSupported()
    {
        string[] values =
        [
            "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256, qop=\"auth\"",
            "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256, qop=\"auth-int\"",
            "garbage",
            "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256, qop=\"auth\"",
            "Digest realm=\"r\", nonce=\"n\", algorithm=MD5, qop=\"auth\"",
        ];

        var ok = DigestClient.TrySelectChallenge(values, out var challenge);

        Assert.True(ok);
        Assert.Equal(DigestAlgorithm.Sha256, challenge!.Algorithm);
        Assert.True(challenge.OffersQopAuth);
    }

    [Fact]
    public void CreateAuthorization_NoQopChallenge_UsesRfc2069Form()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"asterisk\", nonce=\"4b2a\"", out var challenge));

        var value = DigestClient.CreateAuthorization(challenge!, "1001", "pw", "REGISTER", "sip:pbx.example.com");

        Assert.True(DigestAuthorization.TryParse(value, out var parsed));
        Assert.Null(parsed!.Qop);
        Assert.Null(parsed.NonceCountText);
        Assert.Null(parsed.Cnonce);
        Assert.Equal(DigestAlgorithm.Md5, parsed.Algorithm);
    }

    [Fact]
    public void CreateAuthorization_UserHashChallenge_SendsHashedUsername()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256, qop=\"auth\", userhash=true", out var challenge));

        var value = DigestClient.CreateAuthorization(challenge!, "bob", "pw", "INVITE", "sip:x", 1, "c");

        Assert.True(DigestAuthorization.TryParse(value, out var parsed));
        Assert.True(parsed!.UserHash);
        Assert.Equal(64, parsed.Username.Length);
    }

    [Fact]
    public void CreateAuthorization_AuthIntOnlyChallenge_Throws()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"", out var challenge));

        var create = () => DigestClient.CreateAuthorization(challenge!, "bob", "pw", "INVITE", "sip:x");

        Assert.Throws<NotSupportedException>(create);
    }
}

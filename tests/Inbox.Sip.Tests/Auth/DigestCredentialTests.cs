using Inbox.Sip.Auth;

namespace Inbox.Sip.Tests.Auth;

public sealed class DigestCredentialTests
{
    [Fact]
    public void TryParseSecret_CreatedSecret_VerifiesBothFamilies()
    {
        var secret = DigestHa1.CreateSecret("bob", "inbox.test", "pw");

        var ok = DigestCredential.TryParseSecret("bob", "inbox.test", secret, out var credential);

        Assert.True(ok);
        Assert.StartsWith("sha256:", secret, StringComparison.Ordinal);
        Assert.True(credential!.CanVerify(DigestAlgorithm.Sha256));
        Assert.True(credential.CanVerify(DigestAlgorithm.Md5Sess));
    }

    [Fact]
    public void TryParseSecret_Md5Only_CannotVerifySha256()
    {
        var secret = "MD5:" + DigestHa1.ComputeHex(DigestAlgorithm.Md5, "bob", "inbox.test", "pw").ToUpperInvariant();

        var ok = DigestCredential.TryParseSecret("bob", "inbox.test", secret, out var credential);

        Assert.True(ok);
        Assert.True(credential!.CanVerify(DigestAlgorithm.Md5));
        Assert.False(credential.CanVerify(DigestAlgorithm.Sha256));
        Assert.False(credential.TryGetHa1(DigestAlgorithm.Sha256, new byte[64], out _));
    }

    [Theory]
    [InlineData("md5:1234")]
    [InlineData("sha256:zz")]
    [InlineData("md5:00000000000000000000000000000000,md5:00000000000000000000000000000000")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000,plain:x")]
    public void TryParseSecret_MalformedHash_ReturnsFalse(string secret)
    {
        var ok = DigestCredential.TryParseSecret("bob", "r", secret, out var credential);

        Assert.False(ok);
        Assert.Null(credential);
    }

    [Theory]
    [InlineData("plain:md5:1234", "md5:1234")]
    [InlineData("hunter2", "hunter2")]
    public void TryParseSecret_PlainPassword_EqualsPasswordCredential(string secret, string password)
    {
        var ok = DigestCredential.TryParseSecret("bob", "r", secret, out var credential);
        var actual = new byte[64];
        var expected = new byte[64];

        credential!.TryGetHa1(DigestAlgorithm.Sha256, actual, out _);
        DigestCredential.FromPassword("bob", "r", password).TryGetHa1(DigestAlgorithm.Sha256, expected, out _);

        Assert.True(ok);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void FromHa1_WrongLength_Throws()
    {
        var create = () => DigestCredential.FromHa1("bob", "r", "abcd", null);

        Assert.Throws<ArgumentException>(create);
    }
}

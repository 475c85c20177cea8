using Inbox.Interactions.Directory;

namespace Inbox.Interactions.Tests.Directory;

public sealed class ApiKeyHashTests
{
    [Fact]
    public void Verify_TheKeyItWasMadeFrom_True()
    {
        var hash = ApiKeyHash.Create("s3cret-key", iterations: 1000);

        Assert.True(ApiKeyHash.Verify("s3cret-key", hash));
        Assert.False(ApiKeyHash.Verify("s3cret-kez", hash));
    }

    [Fact]
    public void Create_SameKeyTwice_DifferentSalts()
    {
        Assert.NotEqual(ApiKeyHash.Create("k", 1000), ApiKeyHash.Create("k", 1000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("pbkdf2-sha256$1000$c2FsdA==")]
    [InlineData("pbkdf2-sha1$1000$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$0$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$not base64$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$c2FsdA==$c2hvcnQ=")]
    public void IsWellFormed_Malformed_FalseAndVerifyFalse(string encoded)
    {
        Assert.False(ApiKeyHash.IsWellFormed(encoded));
        Assert.False(ApiKeyHash.Verify("anything", encoded));
    }

    [Fact]
    public void Verify_ConfigDemoHash_MatchesTheDemoKey()
    {
        // The hash shipped in config/appsettings.json for carla, made with Python's hashlib.pbkdf2_hmac.
        const string shipped = "pbkdf2-sha256$100000$TieU9oihkz102HOIBEaG4Q==$F1XLBXvtpG5MPxQayGCKQ4e5g7wCY7LDMkkZyEOYTQ4=";

        Assert.True(ApiKeyHash.Verify("demo-carla", shipped));
    }
}

using Inbox.Sip.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Sip.Tests.Auth;

public sealed class DigestAuthenticatorTests
{
    private const string Realm = "inbox.test";
    private const string Uri = "sip:inbox.test";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryDigestCredentialStore _store = new();
    private readonly DigestAuthenticator _authenticator;

    public DigestAuthenticatorTests()
    {
        _store.Set(DigestCredential.FromPassword("alice", Realm, "secret"));
        _authenticator = new DigestAuthenticator(Options.Create(new DigestAuthOptions { Realm = Realm }), _store, _time);
    }

    [Fact]
    public void CreateChallenges_Default_OffersSha256ThenMd5WithQopAuth()
    {
        var challenges = _authenticator.CreateChallenges();

        Assert.Equal(2, challenges.Count);
        Assert.True(DigestChallenge.TryParse(challenges[0], out var first));
        Assert.True(DigestChallenge.TryParse(challenges[1], out var second));
        Assert.Equal(DigestAlgorithm.Sha256, first!.Algorithm);
        Assert.Equal(DigestAlgorithm.Md5, second!.Algorithm);
        Assert.Equal(Realm, first.Realm);
        Assert.Equal("auth", first.QopOptions);
        Assert.Equal(_authenticator.Opaque, first.Opaque);
        Assert.False(first.Stale);
    }

    [Fact]
    public async Task CreateChallenges_ConfiguredSha256Sess_OffersAndVerifiesIt()
    {
        var options = new DigestAuthOptions { Realm = Realm };
        options.Algorithms.Add(DigestAlgorithm.Sha256Sess);
        var authenticator = new DigestAuthenticator(Options.Create(options), _store, _time);
        var challenge = Assert.Single(authenticator.CreateChallenges());
        var header = Answer(challenge, "alice", "secret", "REGISTER");

        var result = await authenticator.VerifyAsync(header, "REGISTER", Uri, TestContext.Current.CancellationToken);

        Assert.Contains("algorithm=SHA-256-sess", challenge, StringComparison.Ordinal);
        Assert.Equal(DigestVerificationStatus.Success, result.Status);
    }

    [Fact]
    public void CreateChallenges_Stale_SetsStaleTrue()
    {
        var challenges = _authenticator.CreateChallenges(stale: true);

        Assert.All(challenges, c => Assert.Contains(", stale=true", c, StringComparison.Ordinal));
    }

    [Fact]
    public void CreateChallenges_Md5OnlyCredential_OffersOnlyMd5()
    {
        var credential = DigestCredential.FromHa1("bob", Realm, DigestHa1.ComputeHex(DigestAlgorithm.Md5, "bob", Realm, "pw"), null);

        var challenges = _authenticator.CreateChallenges(credential: credential);

        var only = Assert.Single(challenges);
        Assert.Contains("algorithm=MD5", only, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task VerifyAsync_CorrectPassword_Succeeds(int challengeIndex)
    {
        var header = Answer(_authenticator.CreateChallenges()[challengeIndex], "alice", "secret", "REGISTER");

        var result = await _authenticator.VerifyAsync(header, "REGISTER", Uri, TestContext.Current.CancellationToken);

        Assert.Equal(DigestVerificationStatus.Success, result.Status);
        Assert.Equal("alice", result.Username);
    }

    [Fact]
    public async Task VerifyAsync_WrongPassword_FailsWithWrongResponse()
    {
        var header = Answer(_authenticator.CreateChallenges()[0], "alice", "guess", "REGISTER");

        var result = await _authenticator.VerifyAsync(header, "REGISTER", Uri, TestContext.Current.CancellationToken);

        Assert.Equal(DigestVerificationResult.Failed(DigestFailureReason.WrongResponse, "alice"), result);
    }

    [Fact]
    public async Task VerifyAsync_DifferentMethod_FailsWithWrongResponse()
    {
        var header = Answer(_authenticator.CreateChallenges()[0], "alice", "secret", "REGISTER");

        var result = await _authenticator.VerifyAsync(header, "INVITE", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(DigestFailureReason.WrongResponse, result.Reason);
    }

    [Fact]
    public async Task VerifyAsync_UnknownUser_ReturnsUnknownUser()
    {
        var header = Answer(_authenticator.CreateChallenges()[0], "mallory", "secret", "REGISTER");

        var result = await _authenticator.VerifyAsync(header, "REGISTER", Uri, TestContext.Current.CancellationToken);

        Assert.Equal(DigestVerificationStatus.UnknownUser, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_GarbageHeader_ReturnsMalformed()
    {
        var result = await _authenticator.VerifyAsync("Digest username=\"x", "REGISTER", Uri, TestContext.Current.CancellationToken);

        Assert.Equal(DigestVerificationStatus.Malformed, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_ExpiredNonceCorrectResponse_ReturnsStale()
    {
        var header = Answer(_authenticator.CreateChallenges()[0], "alice", "secret", "REGISTER");
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var result = await _authenticator.VerifyAsync(header, "REGISTER", Uri, TestContext.Current.CancellationToken);

        Assert.Equal(DigestVerificationStatus.Stale, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_NonceWithinLifetime_Succeeds()
    {
        var header = Answer(_authenticator.CreateChallenges()[0], "alice", "secret", "REGISTER");
        _time.Advance(TimeSpan.FromMinutes(5));

        var result = await _authenticator.VerifyAsync(header, "REGISTER", Uri, TestContext.Current.CancellationToken);

        Assert.Equal(DigestVerificationStatus.Success, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_ExpiredNonceWrongPassword_FailsNotStale()
    {
        var header = Answer(_authenticator.CreateChallenges()[0], "alice", "guess", "REGISTER");
        _time.Advance(TimeSpan.FromMinutes(10));

        var result = await _authenticator.VerifyAsync(header, "REGISTER", Uri, TestContext.Current.CancellationToken);

        Assert.Equal(DigestFailureReason.WrongResponse, result.Reason);
    }

    [Fact]
    public async Task VerifyAsync_ReplayedNonceCount_FailsWithReplay()
    {
        var challenge = _authenticator.CreateChallenges()[0];
        var first = Answer(challenge, "alice", "secret", "REGISTER", nonceCount: 1);
        var second = Answer(challenge, "alice", "secret", "REGISTER", nonceCount: 2);
        var ct = TestContext.Current.CancellationToken;
        await _authenticator.VerifyAsync(first, "REGISTER", Uri, ct);

        var replay = await _authenticator.VerifyAsync(first, "REGISTER", Uri, ct);
        var next = await _authenticator.VerifyAsync(second, "REGISTER", Uri, ct);
        var older = await _authenticator.VerifyAsync(first, "REGISTER", Uri, ct);

        Assert.Equal(DigestFailureReason.NonceCountReplayed, replay.Reason);
        Assert.Equal(DigestVerificationStatus.Success, next.Status);
        Assert.Equal(DigestFailureReason.NonceCountReplayed, older.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(42)]
    public async Task VerifyAsync_TamperedNonce_FailsWithInvalidNonce(int position)
    {
        var challengeValue = _authenticator.CreateChallenges()[0];
        var nonce = ExtractNonce(challengeValue);
        var tamperedNonce = string.Concat(nonce.AsSpan(0, position), nonce[position] == 'A' ? "B" : "A", nonce.AsSpan(position + 1));
        var header = Answer(challengeValue.Replace(nonce, tamperedNonce, StringComparison.Ordinal), "alice", "secret", "REGISTER");

        var result = await _authenticator.VerifyAsync(header, "REGISTER", Uri, TestContext.Current.CancellationToken);

        Assert.Equal(DigestFailureReason.InvalidNonce, result.Reason);
    }

    [Fact]
    public async Task VerifyAsync_NonceFromAnotherKey_FailsWithInvalidNonce()
    {
        var other = new DigestAuthenticator(Options.Create(new DigestAuthOptions { Realm = Realm }), _store, _time);
        var header = Answer(other.CreateChallenges()[0], "alice", "secret", "REGISTER");

        var result = await _authenticator.VerifyAsync(header, "REGISTER", Uri, TestContext.Current.CancellationToken);

        Assert.Equal(DigestFailureReason.InvalidNonce, result.Reason);
    }

    [Theory]
    [InlineData("md5", 1, "Success")]
    [InlineData("md5", 0, "Failed")]
    [InlineData("sha256", 0, "Success")]
    public async Task VerifyAsync_Ha1OnlyCredential_VerifiesOnlyItsFamily(string family, int challengeIndex, string status)
    {
        var expected = Enum.Parse<DigestVerificationStatus>(status);
        var algorithm = family == "md5" ? DigestAlgorithm.Md5 : DigestAlgorithm.Sha256;
        _store.Set(DigestCredential.FromHa1(
            "carol",
            Realm,
            family == "md5" ? DigestHa1.ComputeHex(algorithm, "carol", Realm, "pw") : null,
            family == "md5" ? null : DigestHa1.ComputeHex(algorithm, "carol", Realm, "pw")));
        var header = Answer(_authenticator.CreateChallenges()[challengeIndex], "carol", "pw", "INVITE");

        var result = await _authenticator.VerifyAsync(header, "INVITE", Uri, TestContext.Current.CancellationToken);

        Assert.Equal(expected, result.Status);
        Assert.Equal(expected == DigestVerificationStatus.Failed ? DigestFailureReason.AlgorithmNotConfigured : DigestFailureReason.None, result.Reason);
    }

    [Fact]
    public async Task VerifyAsync_UppercaseHexResponse_Succeeds()
    {
        var header = Answer(_authenticator.CreateChallenges()[0], "alice", "secret", "REGISTER");
        Assert.True(DigestAuthorization.TryParse(header, out var parsed));
        header = header.Replace(parsed!.Response, parsed.Response.ToUpperInvariant(), StringComparison.Ordinal);

        var result = await _authenticator.VerifyAsync(header, "REGISTER", Uri, TestContext.Current.CancellationToken);

        Assert.Equal(DigestVerificationStatus.Success, result.Status);
    }

    [Theory]
    [InlineData("realm=\"inbox.test\"", "realm=\"other\"", "RealmMismatch")]
    [InlineData("algorithm=SHA-256", "algorithm=SHA-512-256", "UnsupportedAlgorithm")]
    [InlineData("algorithm=SHA-256", "algorithm=SHA-256-sess", "UnsupportedAlgorithm")]
    [InlineData("qop=auth", "qop=auth-int", "UnsupportedQop")]
    [InlineData(", qop=auth, nc=00000001", "", "UnsupportedQop")]
    [InlineData("uri=\"sip:inbox.test\"", "uri=\"sip:elsewhere.test\"", "UriMismatch")]
    [InlineData("algorithm=SHA-256", "algorithm=SHA-256, userhash=true", "UnsupportedUserHash")]
    public async Task VerifyAsync_UnacceptableParameter_FailsWithReason(string find, string replace, string expected)
    {
        var reason = Enum.Parse<DigestFailureReason>(expected);
        var header = Answer(_authenticator.CreateChallenges()[0], "alice", "secret", "REGISTER")
            .Replace(find, replace, StringComparison.Ordinal);

        var result = await _authenticator.VerifyAsync(header, "REGISTER", Uri, TestContext.Current.CancellationToken);

        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void Verify_WarmedUp_DoesNotAllocate()
    {
        var challenge = _authenticator.CreateChallenges()[0];
        Assert.True(DigestAuthorization.TryParse(Answer(challenge, "alice", "secret", "REGISTER", nonceCount: 1), out var warm));
        Assert.True(DigestAuthorization.TryParse(Answer(challenge, "alice", "secret", "REGISTER", nonceCount: 2), out var measured));
        var credential = DigestCredential.FromPassword("alice", Realm, "secret");
        _authenticator.Verify(warm!, credential, "REGISTER");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = _authenticator.Verify(measured!, credential, "REGISTER");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(DigestVerificationStatus.Success, result.Status);
        Assert.Equal(0, allocated);
    }

    private static string Answer(string challengeValue, string username, string password, string method, uint nonceCount = 1)
    {
        Assert.True(DigestChallenge.TryParse(challengeValue, out var challenge));
        return DigestClient.CreateAuthorization(challenge!, username, password, method, Uri, nonceCount, "0a4f113b");
    }

    private static string ExtractNonce(string challengeValue)
    {
        Assert.True(DigestChallenge.TryParse(challengeValue, out var challenge));
        return challenge!.Nonce;
    }
}

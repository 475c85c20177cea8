using System.Text;
using Inbox.Sip.Auth;

namespace Inbox.Sip.Tests.Auth;

public sealed class DigestComputationTests
{
    // RFC 7616 §3.9.1.
    private const string Realm = "http-auth@example.org";
    private const string Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private const string Opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";

    private const string Rfc7616Sha256Authorization =
        "Digest username=\"Mufasa\",\r\n" +
        "    realm=\"http-auth@example.org\",\r\n" +
        "    uri=\"/dir/index.html\",\r\n" +
        "    algorithm=SHA-256,\r\n" +
        "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n" +
        "    nc=00000001,\r\n" +
        "    cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\",\r\n" +
        "    qop=auth,\r\n" +
        "    response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\",\r\n" +
        "    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void ComputeResponse_Rfc7616Example_MatchesPublishedResponse(string name, string expected)
    {
        Assert.True(DigestAlgorithms.TryParse(name, out var algorithm));
        Span<byte> ha1 = stackalloc byte[64];
        var ha1Length = DigestComputation.ComputeHa1(algorithm, "Mufasa", Realm, "Circle of Life", ha1);
        Span<byte> response = stackalloc byte[64];

        var length = DigestComputation.ComputeResponse(
            algorithm, ha1[..ha1Length], Nonce, "00000001", Cnonce, "auth", "GET", "/dir/index.html", response);

        Assert.Equal(expected, Encoding.ASCII.GetString(response[..length]));
    }

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void CreateAuthorization_Rfc7616Challenge_ProducesPublishedResponse(string algorithm, string expected)
    {
        var header = "Digest\r\n    realm=\"http-auth@example.org\",\r\n    qop=\"auth, auth-int\",\r\n" +
            $"    algorithm={algorithm},\r\n    nonce=\"{Nonce}\",\r\n    opaque=\"{Opaque}\"";
        Assert.True(DigestChallenge.TryParse(header, out var challenge));

        var value = DigestClient.CreateAuthorization(challenge!, "Mufasa", "Circle of Life", "GET", "/dir/index.html", 1, Cnonce);

        Assert.True(DigestAuthorization.TryParse(value, out var parsed));
        Assert.Equal(expected, parsed!.Response);
        Assert.Equal("auth", parsed.Qop);
        Assert.Equal("00000001", parsed.NonceCountText);
        Assert.Equal(Opaque, parsed.Opaque);
    }

    [Fact]
    public void TryParse_Rfc7616AuthorizationWithFoldedLines_RecomputesItsResponse()
    {
        Assert.True(DigestAuthorization.TryParse(Rfc7616Sha256Authorization, out var parsed));
        Span<byte> ha1 = stackalloc byte[64];
        var ha1Length = DigestComputation.ComputeHa1(DigestAlgorithm.Sha256, parsed!.Username, parsed.Realm, "Circle of Life", ha1);
        Span<byte> response = stackalloc byte[64];

        var length = DigestComputation.ComputeResponse(
            parsed.Algorithm!.Value, ha1[..ha1Length], parsed.Nonce, parsed.NonceCountText, parsed.Cnonce, parsed.Qop,
            "GET", parsed.Uri, response);

        Assert.Equal(parsed.Response, Encoding.ASCII.GetString(response[..length]));
    }

    [Fact]
    public void CreateAuthorization_Rfc2617Example_ProducesPublishedMd5Response()
    {
        Assert.True(DigestChallenge.TryParse(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
            out var challenge));

        var value = DigestClient.CreateAuthorization(challenge!, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, "0a4f113b");

        Assert.Contains("response=\"6629fae49393a05397450978507c4ef1\"", value, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeHex_Rfc7616Md5_MatchesHa1()
    {
        var md5 = DigestHa1.ComputeHex(DigestAlgorithm.Md5, "Mufasa", Realm, "Circle of Life");

        var sess = DigestHa1.ComputeHex(DigestAlgorithm.Md5Sess, "Mufasa", Realm, "Circle of Life");

        Assert.Equal(32, md5.Length);
        Assert.Equal(md5, sess);
        Assert.Equal(64, DigestHa1.ComputeHex(DigestAlgorithm.Sha256, "Mufasa", Realm, "Circle of Life").Length);
    }

    [Fact]
    public void ComputeHa1_LongInput_FallsBackToPooledBuffer()
    {
        var longPassword = new string('p', 4000);
        Span<byte> first = stackalloc byte[64];
        Span<byte> second = stackalloc byte[64];

        var length = DigestComputation.ComputeHa1(DigestAlgorithm.Sha256, "u", "r", longPassword, first);
        DigestComputation.ComputeHa1(DigestAlgorithm.Sha256, "u", "r", longPassword, second);

        Assert.Equal(64, length);
        Assert.True(first.SequenceEqual(second));
        Assert.NotEqual(
            DigestHa1.ComputeHex(DigestAlgorithm.Sha256, "u", "r", longPassword),
            DigestHa1.ComputeHex(DigestAlgorithm.Sha256, "u", "r", longPassword[1..]));
    }
}

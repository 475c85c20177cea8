using Inbox.Sip.Messages;

namespace Inbox.Sip.Tests.Messages;

public sealed class SipUriTests
{
    [Fact]
    public void TryParse_Rfc3261Examples_AllPartsRead()
    {
        var ok = SipUri.TryParse("sip:alice:secretword@atlanta.com;transport=tcp", out var uri);

        Assert.True(ok);
        Assert.Equal("sip", uri!.Scheme);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secretword", uri.Password);
        Assert.Equal("atlanta.com", uri.Host);
        Assert.Null(uri.Port);
        Assert.Equal("tcp", uri.Transport);
    }

    [Theory]
    [InlineData("sip:alice@atlanta.com", "sip", "alice", "atlanta.com", null)]
    [InlineData("sips:alice@atlanta.com", "sips", "alice", "atlanta.com", null)]
    [InlineData("SIP:alice@Atlanta.COM", "sip", "alice", "Atlanta.COM", null)]
    [InlineData("sip:atlanta.com:5070", "sip", null, "atlanta.com", 5070)]
    [InlineData("sip:192.0.2.4", "sip", null, "192.0.2.4", null)]
    [InlineData("sip:+1-212-555-1212:1234@gateway.com;user=phone", "sip", "+1-212-555-1212", "gateway.com", null)]
    [InlineData("sip:alice@[2001:db8::1]:5060", "sip", "alice", "[2001:db8::1]", 5060)]
    [InlineData("sip:[::1]", "sip", null, "[::1]", null)]
    [InlineData("sips:bob@[2001:db8::10:5070]", "sips", "bob", "[2001:db8::10:5070]", null)]
    [InlineData("sip:%61lice%40home@example.com", "sip", "alice@home", "example.com", null)]
    [InlineData("sip:user;par=u%40example.net@example.com", "sip", "user;par=u@example.net", "example.com", null)]
    [InlineData("sip:what?ever@example.com", "sip", "what?ever", "example.com", null)]
    public void TryParse_SipUri_SchemeUserHostPort(string text, string scheme, string? user, string host, int? port)
    {
        var ok = SipUri.TryParse(text, out var uri);

        Assert.True(ok);
        Assert.Equal((scheme, user, host, port), (uri!.Scheme, uri.User, uri.Host, uri.Port));
    }

    [Fact]
    public void TryParse_UriHeaders_KeptRawAndSeparateFromParameters()
    {
        var ok = SipUri.TryParse("sips:alice@atlanta.com;maddr=239.255.255.1;ttl=15;lr?subject=project%20x&priority=urgent", out var uri);

        Assert.True(ok);
        Assert.Equal("subject=project%20x&priority=urgent", uri!.Headers);
        Assert.Equal(3, uri.Parameters.Count);
        Assert.Equal("239.255.255.1", uri.Parameters["maddr"]);
        Assert.True(uri.Parameters.Contains("lr"));
        Assert.Null(uri.Parameters["lr"]);
        Assert.True(uri.IsSecure);
    }

    [Fact]
    public void TryParse_TelUri_NumberAndParameters()
    {
        var ok = SipUri.TryParse("tel:+1-201-555-0123;phone-context=example.com", out var uri);

        Assert.True(ok);
        Assert.True(uri!.IsTel);
        Assert.Equal("+1-201-555-0123", uri.User);
        Assert.Equal(string.Empty, uri.Host);
        Assert.Equal("example.com", uri.Parameters["phone-context"]);
        Assert.Equal("tel:+1-201-555-0123", uri.AddressOfRecord);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sip:")]
    [InlineData(":alice@example.com")]
    [InlineData("http://example.com")]
    [InlineData("nobodyknowsthisscheme:totallyopaquecontent")]
    [InlineData("sip:@example.com")]
    [InlineData("sip:alice@")]
    [InlineData("sip:alice@example.com:")]
    [InlineData("sip:alice@example.com:65536")]
    [InlineData("sip:alice@example.com:99999999999")]
    [InlineData("sip:alice@[2001:db8::1")]
    [InlineData("sip:alice@[not-an-address]")]
    [InlineData("sip:alice@[]")]
    [InlineData("sip:al ice@example.com")]
    [InlineData("sip:alice@exa mple.com")]
    [InlineData("sip:alice@example.com;")]
    [InlineData("sip:alice@example.com;=value")]
    [InlineData("sip:alice@example.com>")]
    [InlineData("tel:")]
    [InlineData("tel:+1 201")]
    [InlineData("tel:+1-201;")]
    public void TryParse_Malformed_False(string text)
    {
        var ok = SipUri.TryParse(text, out var uri);

        Assert.False(ok);
        Assert.Null(uri);
    }

    [Theory]
    [InlineData("sip:alice@atlanta.com")]
    [InlineData("sips:alice:secret@atlanta.com:5061;transport=tls;lr")]
    [InlineData("sip:[2001:db8::1]:5060;maddr=[2001:db8::2]")]
    [InlineData("sip:alice@atlanta.com;method=REGISTER?to=alice%40atlanta.com")]
    [InlineData("tel:+1-201-555-0123;phone-context=example.com")]
    public void ToString_ParsedUri_WrittenAsReceived(string text)
    {
        var uri = SipUri.Parse(text);

        var written = uri.ToString();

        Assert.Equal(text, written);
    }

    [Theory]
    [InlineData("sip:I%20have%20spaces@example.net", "sip:I%20have%20spaces@example.net")]
    [InlineData("sip:%75se%72@example.com", "sip:user@example.com")]
    [InlineData("sip:what%3Fever%40x@example.com", "sip:what?ever%40x@example.com")]
    public void ToString_EscapedUser_ReEscapedOnlyWhereNeeded(string text, string expected)
    {
        var uri = SipUri.Parse(text);

        var written = uri.ToString();

        Assert.Equal(expected, written);
        Assert.Equal(uri.User, SipUri.Parse(written).User);
    }

    [Fact]
    public void AddressOfRecord_MixedCaseHost_LowerCasedWithoutParameters()
    {
        var uri = SipUri.Parse("sip:Bob@BILOXI.example.com:5060;transport=udp");

        var aor = uri.AddressOfRecord;

        Assert.Equal("sip:Bob@biloxi.example.com", aor);
    }

    [Fact]
    public void WithParameter_ExistingUri_CopyChangedOriginalKept()
    {
        var uri = SipUri.Parse("sip:alice@atlanta.com;transport=udp");

        var changed = uri.WithParameter("transport", "tcp");

        Assert.Equal("sip:alice@atlanta.com;transport=tcp", changed.ToString());
        Assert.Equal("udp", uri.Transport);
    }
}
